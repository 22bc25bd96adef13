"""The stored-interview document: its models (:mod:`.fields`) and its codec (:mod:`.codec`)."""
