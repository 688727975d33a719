#!/usr/bin/env bash
# Test oracle, run by hand (scripts/oracle/generate-members-fixtures.mjs calls it): reads one
# member file ($1) with the exact read loop and field split of cluster/sbin/snappy-nodes.sh
# (SnappyData v1.3.1), then lets the shell split each line's arguments as `eval` does, and prints
# one line per member: host, TAB-free marker, then each argv word, NUL-separated.
while read slave || [[ -n "${slave}" ]]; do
  [[ -z "$(echo $slave | grep ^[^#])" ]] && continue
  host="$(echo "$slave "| tr -s ' ' | cut -d ' ' -f1)"
  args="$(echo "$slave "| tr -s ' ' | cut -d ' ' -f2-)"
  printf 'H%s\0' "$host"
  if eval "set -- $args" 2>/dev/null; then
    for a in "$@"; do printf 'A%s\0' "$a"; done
  else
    printf 'E\0'
  fi
  printf 'M\0'
done < "$1"
