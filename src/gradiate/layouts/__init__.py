"""Layout blocks: Row, Column, Form."""
