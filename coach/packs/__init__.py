"""Exercise packs: the format, the untrusted-file loader, and the library of installed packs."""
