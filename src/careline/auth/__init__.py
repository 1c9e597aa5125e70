"""Who is calling: patients, clinicians (of the clinic) and the admin, by bearer token."""
