"""The template gallery: the PDF templates a user can pick, with preview images."""
