"""Request and response models, one module per blueprint: they validate input and produce the
OpenAPI document."""
