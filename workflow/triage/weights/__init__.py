"""The type model's weights (`types.npz`), written by `bench/triage_train.py`; package data."""
