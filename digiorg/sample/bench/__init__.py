"""Benchmark data and measurements for the budgets of DESIGN.md ("Budgets").

seed.py says what the data is and seeds it (`digiorg seed_bench`): common.py holds the sizes,
names and helpers, department.py and national.py the two scales; measure.py times the key pages
against it and upload.py the memory of a large upload (`digiorg bench`).
"""
