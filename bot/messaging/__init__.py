"""SMS: keywords, opt-outs, text safety, and the one gate every outbound text passes."""
