"""The follow-up planner: interview facts in, a follow-up plan and ready-to-send messages out."""
