"""Progress over the history: trends, pacing, calibration and the drill-day heatmap.

Plain arithmetic over what the history's aggregate queries return and a
``now`` passed in; the terminal lives in `tui/stats_view.py`.
"""
