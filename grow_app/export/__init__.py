"""Exports: Word position paper, markdown, JSON bundle, CSV and comparisons. Never imports textual."""
