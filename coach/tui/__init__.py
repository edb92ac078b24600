"""The full-screen coach (Textual). Everything that imports textual lives here, and nothing else."""
