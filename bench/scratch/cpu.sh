#!/bin/bash
# usage: cpu.sh seconds  -> prints CPU seconds used by node server / postgres / autocannon during window
tick=$(getconf CLK_TCK)
snap() { for p in /proc/[0-9]*; do pid=${p#/proc/}; [ -r $p/stat ] || continue; read -r line < $p/stat 2>/dev/null || continue; rest=${line#*) }; set -- $rest; comm=$(cat $p/comm 2>/dev/null); echo "$pid $comm $((${12}+${13}))"; done; }
snap > /tmp/cpu_a; sleep $1; snap > /tmp/cpu_b
join <(sort /tmp/cpu_a) <(sort /tmp/cpu_b) | awk -v t=$tick '{d=($5-$3)/t; if (d>0.05) print $1, $2, d}' | sort -k3 -nr | head -15
