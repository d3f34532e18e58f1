#!/usr/bin/env bash
# nginx for the several-instances layout (deploy/nginx/clinic-crm.conf, scripts/lib/cluster.js):
# finds the binary, installing Debian's `nginx` package first when there is none. The package's own
# service is not used: the cluster runs nginx as the current user with its own configuration.
# Usage: source scripts/nginx.sh; nginx_install && "$(nginx_bin)" -v

nginx_bin() {
  local c
  for c in "${NGINX_BIN:-}" /usr/sbin/nginx /usr/local/sbin/nginx /usr/local/nginx/sbin/nginx; do
    if [ -n "$c" ] && [ -x "$c" ]; then echo "$c"; return 0; fi
  done
  command -v nginx 2>/dev/null
}

nginx_install() {
  if [ -n "$(nginx_bin)" ]; then return 0; fi
  echo "[nginx] not found: installing Debian's nginx package"
  local SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
      echo "[nginx] need root (or sudo) to apt-get install nginx" >&2; return 1
    fi
  fi
  $SUDO apt-get update -qq >/dev/null
  # the package's own service (port 80) is not needed; the cluster listens on a free loopback port
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nginx >/dev/null
  [ -n "$(nginx_bin)" ] || { echo "[nginx] install failed" >&2; return 1; }
  echo "[nginx] $("$(nginx_bin)" -v 2>&1)"
}
