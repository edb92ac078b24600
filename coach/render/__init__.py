"""Rich renderings for the command line; text from packs or people always goes in as Text."""
