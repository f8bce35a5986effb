# Sourced by Heroku before every process. Heroku Redis presents a self-signed
# certificate on rediss://, and the add-on owns REDIS_URL, so the parameter that
# accepts it is added here (docs/deploy.md). Set REDIS_VERIFY_TLS=1 to keep full
# verification with a provider whose certificate verifies.
if [ "${REDIS_VERIFY_TLS:-0}" != "1" ]; then
  case "$REDIS_URL" in
    rediss://*\?*) ;;
    rediss://*) export REDIS_URL="${REDIS_URL}?ssl_cert_reqs=none" ;;
  esac
fi
