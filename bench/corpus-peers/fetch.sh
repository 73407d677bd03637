#!/bin/sh
# fetch.sh OGEN_GIT_DIR OAPI_CODEGEN_GIT_DIR
#
# Extracts the peers' own test contracts (see README.md) from git
# checkouts or mirrors of ogen-go/ogen and oapi-codegen/oapi-codegen into
# files/, and writes peers.tsv, the corpus runner's list for them. A file
# whose content the git directory lacks (a mirror may leave out its
# largest files) is reported and skipped.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$here/files"
extract() { # GIT_DIR NAME FOLDER...
	gd=$1 name=$2
	shift 2
	git --git-dir="$gd" ls-tree -r --name-only HEAD "$@" | while read -r f; do
		case $f in *.yaml | *.yml | *.json) ;; *) continue ;; esac
		mkdir -p "$here/files/$name/$(dirname "$f")"
		git --git-dir="$gd" show "HEAD:$f" > "$here/files/$name/$f" 2>/dev/null ||
			{ echo "skipped $name/$f: not in $gd" >&2; rm -f "$here/files/$name/$f"; }
	done
}
extract "$1" ogen _testdata/positive _testdata/examples
extract "$2" oapi-codegen internal/test
python3 "$here/list.py" "$here" > "$here/peers.tsv"
echo "$(($(wc -l < "$here/peers.tsv") - 1)) contracts listed in $here/peers.tsv"
