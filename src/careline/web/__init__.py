"""What browsers load: the patient chat widget (`/widget.js`, one script tag), the `/demo` page and the
clinician console (`/console`), plain JavaScript and CSS with no build step; plus the small API they need
(widget config and session, demo patients in demo mode)."""
