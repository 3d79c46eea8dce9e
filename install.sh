#!/bin/sh
# Install git-session from this folder: dependencies, build, a `git-session` link on PATH (so that
# `git session` works), the manual pages and bash/zsh completion, then print the version. Safe to
# run again.
#   GIT_SESSION_BIN_DIR=/some/dir ./install.sh   puts the link there instead.
set -eu
cd "$(dirname "$0")"
here=$(pwd -P)

die() { printf 'install.sh: %s\n' "$*" >&2; exit 1; }

command -v git >/dev/null 2>&1 || die "git is not installed (git 2.31 or newer is needed)"
command -v node >/dev/null 2>&1 || die "node is not installed (Node.js 20.19 or newer is needed)"
node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' \
  || die "Node.js $(node --version) is too old: 20.19 or newer is needed"

echo "Installing dependencies..."
# `npm install --no-save` rather than `npm ci`: the lock names optional platform packages (android
# builds of biome and lefthook) that some registries do not carry, and `npm ci` refuses a lock that
# misses one; install still follows the lock for everything it resolves. --no-save: where the
# registry does carry a package the lock misses, plain `npm install` would write it into
# package-lock.json and leave a clean clone dirty; installing must not edit tracked files.
# --ignore-scripts: no dependency needs an install script here (esbuild's binary comes from its
# platform package), and lefthook's would install git hooks into this repository.
npm install --no-save --ignore-scripts --no-audit --no-fund --loglevel=error

echo "Building..."
npm run --silent build

# Where the link goes: an explicit choice, else npm's global bin folder when writable, else ~/.local/bin.
bin_dir=${GIT_SESSION_BIN_DIR:-}
if [ -z "$bin_dir" ]; then
  npm_bin="$(npm prefix -g 2>/dev/null)/bin"
  if [ -d "$npm_bin" ] && [ -w "$npm_bin" ]; then bin_dir=$npm_bin; else bin_dir=$HOME/.local/bin; fi
fi
mkdir -p "$bin_dir"
chmod +x "$here/bin/git-session.cjs"
ln -sf "$here/bin/git-session.cjs" "$bin_dir/git-session"
echo "Linked $bin_dir/git-session -> $here/bin/git-session.cjs"

# The manual pages (git help session, git session --help) and the shell completion, linked from
# the build so that a rebuild updates them. man finds <bin>/../share/man from PATH; bash-completion
# loads completions/git-session when git's completion asks for _git_session; zsh needs the folder
# in fpath. GIT_SESSION_MAN_DIR, GIT_SESSION_BASH_COMPLETION_DIR and GIT_SESSION_ZSH_COMPLETION_DIR
# choose other places.
sh "$here/scripts/install-extras.sh" "$here" "$bin_dir"

# shellcheck disable=SC2016 # $PATH is meant literally in the advice, for the user to paste
case ":$PATH:" in
  *":$bin_dir:"*) ;;
  *) printf '\nNote: %s is not on your PATH. Add it, e.g.:\n  export PATH="%s:$PATH"\n\n' "$bin_dir" "$bin_dir" ;;
esac

PATH="$bin_dir:$PATH" git session --version
