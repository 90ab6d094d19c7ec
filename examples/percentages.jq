# cloudfacts extract seeds/ --format jsonl | jq -r -f examples/percentages.jq
# One line per percentage: value, the sentence it comes from, and where.
select(.kind == "percentage") | "\(.value)%\t\(.source):\(.line)\t\(.sentence)"
