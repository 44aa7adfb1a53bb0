"""Interfaces over the library: the command line and the JSON Lines contract."""
