"""What the assistant says: plain-text replies built from bot/ services."""
