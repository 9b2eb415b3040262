"""Components: one class per module, each with its payload shape and conversions."""
