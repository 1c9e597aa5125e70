"""Large language model access: versioned prompts from `prompts/*.md` and an OpenAI-compatible chat model
through LangChain's `ChatOpenAI`. Used only when an endpoint is configured; Careline works without one."""
