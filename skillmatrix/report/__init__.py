"""The printed スキル履歴書: PDF built with reportlab (no Qt).

Entry point: :func:`skillmatrix.report.resume.build_resumes`. Print-time choices are
:class:`skillmatrix.report.options.PrintOptions`. Nothing is imported here, so the command
line can read the options without loading reportlab.
"""
