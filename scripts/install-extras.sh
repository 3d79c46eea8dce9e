#!/bin/sh
# Link the built manual pages and completion scripts where man, bash and zsh find them. Run by
# install.sh after the build (and by the tests with temporary folders); safe to run again.
#   install-extras.sh <package folder> <bin folder>
set -eu
here=$1
bin_dir=$2
data=${XDG_DATA_HOME:-$HOME/.local/share}

man_dir=${GIT_SESSION_MAN_DIR:-$bin_dir/../share/man}
bash_dir=${GIT_SESSION_BASH_COMPLETION_DIR:-${BASH_COMPLETION_USER_DIR:-$data/bash-completion}/completions}
zsh_dir=${GIT_SESSION_ZSH_COMPLETION_DIR:-$data/zsh/site-functions}

link() { # <target> <link>: replace whatever link was there
  mkdir -p "$(dirname "$2")"
  ln -sf "$1" "$2"
}

# Links of an earlier install to pages that no longer exist are removed (only ours: they point here).
if [ -d "$man_dir/man1" ]; then
  for old in "$man_dir"/man1/git-session*.1; do
    [ -L "$old" ] || continue
    case "$(readlink "$old")" in "$here"/dist/man/man1/*) [ -e "$old" ] || rm -f "$old" ;; esac
  done
fi
for page in "$here"/dist/man/man1/*.1; do
  link "$page" "$man_dir/man1/$(basename "$page")"
done
echo "Linked the manual pages into $man_dir/man1 (git help session)"

link "$here/dist/completion/git-session.bash" "$bash_dir/git-session"
echo "Linked bash completion: $bash_dir/git-session"
link "$here/dist/completion/_git-session" "$zsh_dir/_git-session"
echo "Linked zsh completion: $zsh_dir/_git-session (add the folder to fpath before compinit: fpath=($zsh_dir \$fpath))"
