#!/bin/sh
# Regenerate kb/catalogue/ladder-*.tsv from the daemons' tagged sources and
# draft their maps column from the parser (then review by hand):
#   tests/catalogue/update_ladder.sh LIBRESWAN_GIT STRONGSWAN_GIT OPENSWAN_GIT TUNNELDOC
# (git directories as the fetch tool gives them; nothing of them is copied).
set -e
here=$(dirname "$0"); kb="$here/../../kb"
L=$1; S=$2; O=$3; T=$4
for spec in "$L v3.32 libreswan 3.32" "$L v4.10 libreswan 4.10" "$L v5.0 libreswan 5.0" \
    "$O v2.6.51.5 openswan 2.6.51" "$S 5.9.8 strongswan 5.9.8" "$S 6.0.0 strongswan 6.0.0"; do
	set -- $spec
	python3 "$here/extract_ladder.py" "$1" "$2" "$3" "$4" > "$kb/catalogue/ladder-$3-$4.tsv"
done
python3 "$here/map_ladder.py" "$T" "$kb"
