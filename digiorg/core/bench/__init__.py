"""Benchmark data and measurements for the budgets of DESIGN.md ("Budgets").

seed.py builds the department-scale and national-scale data (`digiorg seed_bench`);
measure.py times the key pages against it (`digiorg bench`).
"""
