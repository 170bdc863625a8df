#!/usr/bin/env bash
# Installs the reference peer's packages (discord-interactions and express, pinned in package.json) from the npm
# registry into bench/peer/node_modules, for `QuizBot.LoadGen --peer`. Needs Node.js 18+ and npm.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "peer: Node.js and npm are needed for the reference peer (apt-get install nodejs npm)" >&2
  exit 1
fi
npm install --no-audit --no-fund --omit=dev --no-package-lock --loglevel=error
echo "peer: installed discord-interactions $(node -p "require('discord-interactions/package.json').version") and express $(node -p "require('express/package.json').version") with node $(node --version)"
