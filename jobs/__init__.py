"""RQ job functions: thin; each loads its inputs, calls domain code, stores results."""
