#!/usr/bin/env bash
# Installs Debian's Chromium (and a CJK font, so screenshots show the Chinese text) for the
# browser tests when missing. Playwright never downloads a browser here: playwright-core drives
# /usr/bin/chromium. Usage: source scripts/chromium.sh; chromium_install
chromium_install() {
  local want=()
  [ -x /usr/bin/chromium ] || want+=(chromium)
  fc-list 2>/dev/null | grep -qi "wqy\|noto sans cjk" || want+=(fonts-wqy-zenhei)
  [ ${#want[@]} -eq 0 ] && return 0
  echo "[chromium] installing Debian packages: ${want[*]}"
  local SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
      echo "[chromium] need root (or sudo) to apt-get install ${want[*]}" >&2; return 1
    fi
  fi
  $SUDO apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${want[@]}" >/dev/null
  [ -x /usr/bin/chromium ] || { echo "[chromium] install failed" >&2; return 1; }
}
