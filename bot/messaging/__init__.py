"""SMS: the inbox every inbound text passes through, keywords, opt-outs, text safety,
and the one gate every outbound text passes."""
