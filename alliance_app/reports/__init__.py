"""The PDF annual alliance report: figures computed once (figures.py), typeset in Chinese and English (build.py)."""
