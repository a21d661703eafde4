#!/bin/sh
# Entry point of the silo on ECS Fargate: deploy/ecs/template.json runs `/bin/sh /app/ecs-entrypoint.sh`
# (deploy/Dockerfile copies this file there). The image's own ENTRYPOINT stays `dotnet Silo.dll`; this wrapper only
# supplies, as environment variables, what a task definition cannot express, then execs `dotnet Silo.dll`:
#
#  1. Silo__AdvertisedHost: the task's private IPv4 address, read from the ECS task metadata endpoint
#     (ECS_CONTAINER_METADATA_URI_V4), so the other silos reach this one's grain transport. The container's host
#     name, which the silo would advertise otherwise, resolves only in VPCs with DNS host names and a search domain.
#     An explicit Silo__AdvertisedHost is kept as it is.
#  2. API keys. Auth:Keys:<key>:Tenant puts the key in the variable's *name*, while ECS injects a secret as a
#     variable's *value*. So SILO_API_KEY (from Secrets Manager), SILO_API_KEY_TENANT (default "default") and
#     SILO_API_KEY_ADMIN (default false) become Auth__Keys__<key>__Tenant and Auth__Keys__<key>__Admin; likewise
#     SILO_API_KEY_2 .. SILO_API_KEY_9 with their _TENANT and _ADMIN.
#  3. SILO_SETTINGS: any further configuration as Key=Value pairs separated by ';' (keys spelled as environment
#     variables, __ for :), e.g. "Models__nova-lite__Provider=bedrock-converse;Routing__SmallModel=nova-lite",
#     so one CloudFormation parameter can carry any number of model settings. No secrets here.
#  4. SILO_SECRET_SETTINGS: the same, injected from Secrets Manager, for secrets such as Models__<id>__ApiKey.
#     Never echoed, not even in an error.
#
# Why not plain variables for 3 and 4: this script runs under a POSIX shell (busybox sh in the image), and such
# shells drop inherited variables whose names are no shell identifiers, e.g. Models__claude-sonnet__Model. The
# pairs here are added by `env` after the shell, so any model id works.
set -eu

fail() {
    echo "error: $*" >&2
    exit 1
}

# The silo's content root is the working directory: run from the folder holding Silo.dll and appsettings.json.
cd "$(dirname "$0")"

# The arguments of `env` below: NAME=VALUE pairs added to the silo's environment.
set --

if [ -z "${Silo__AdvertisedHost:-}" ] && [ -n "${ECS_CONTAINER_METADATA_URI_V4:-}" ]; then
    metadata=$(wget -q -O - "$ECS_CONTAINER_METADATA_URI_V4") || fail "cannot read the task metadata at $ECS_CONTAINER_METADATA_URI_V4"
    # The container's metadata lists its networks: "Networks":[{"NetworkMode":"awsvpc","IPv4Addresses":["10.0.1.23"],...}]
    address=$(printf '%s' "$metadata" | tr -d ' \t\r\n' | sed -n 's/.*"IPv4Addresses":\["\([0-9.]*\)".*/\1/p')
    [ -n "$address" ] || fail "the task metadata at $ECS_CONTAINER_METADATA_URI_V4 names no IPv4 address"
    set -- "$@" "Silo__AdvertisedHost=$address"
fi

for suffix in "" _2 _3 _4 _5 _6 _7 _8 _9; do
    eval "key=\${SILO_API_KEY$suffix:-}"
    [ -n "$key" ] || continue
    eval "tenant=\${SILO_API_KEY${suffix}_TENANT:-default}"
    eval "admin=\${SILO_API_KEY${suffix}_ADMIN:-false}"
    # The key becomes part of a configuration key: no ':' (a section separator), no '_' ('__' is one), no '='.
    case "$key" in
        *[!A-Za-z0-9.~+/-]*) fail "SILO_API_KEY$suffix may only hold letters, digits and . ~ + / - (make one with: openssl rand -hex 32)" ;;
    esac
    [ -n "$tenant" ] || fail "SILO_API_KEY${suffix}_TENANT is empty"
    case "$admin" in
        true | false) ;;
        *) fail "SILO_API_KEY${suffix}_ADMIN is '$admin'; use true or false" ;;
    esac
    set -- "$@" "Auth__Keys__${key}__Tenant=$tenant" "Auth__Keys__${key}__Admin=$admin"
done

# add_settings NAME SHOW: appends the Key=Value pairs of variable NAME; SHOW=no keeps its text out of errors.
add_settings() {
    eval "settings=\${$1:-}"
    [ -n "$settings" ] || return 0
    set -f
    saved_ifs=$IFS
    IFS=';'
    position=0
    for pair in $settings; do
        position=$((position + 1))
        pair=$(printf '%s' "$pair" | sed 's/^[[:space:]]*//; s/[[:space:]]*$//')
        [ -n "$pair" ] || continue
        case "$pair" in
            [A-Za-z]*=*) pairs="$pairs$pair$newline" ;;
            *)
                if [ "$2" = yes ]; then
                    fail "$1 holds '${pair%%=*}', which is not Key=Value"
                else
                    fail "$1 entry $position is not Key=Value"
                fi
                ;;
        esac
    done
    IFS=$saved_ifs
    set +f
}

newline='
'
pairs=''
add_settings SILO_SETTINGS yes
add_settings SILO_SECRET_SETTINGS no
# One pair per line (values cannot hold a line break: ';' already separates them).
saved_ifs=$IFS
IFS=$newline
set -f
for pair in $pairs; do
    set -- "$@" "$pair"
done
set +f
IFS=$saved_ifs

exec env "$@" dotnet Silo.dll
