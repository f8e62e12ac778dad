#!/usr/bin/env bash
# 研判 yanpan 安装程序 (run as root from the unpacked bundle).
#
#   sudo ./install.sh                      first install, or an upgrade when another version is current
#   sudo ./install.sh --admin NAME         the first administrator's password is read from standard input
#   sudo ./install.sh --rollback           back to the previous version and the backup taken before the upgrade
#   ./install.sh --prefix DIR ...          the whole tree (opt, etc, var) under DIR, no system user, no systemctl (tests)
#
# Before it touches anything it checks every file of the bundle against SHA256SUMS (and that nothing is
# missing or added): a damaged bundle is refused with the files that fail.
set -euo pipefail
umask 022

here=$(cd "$(dirname "$0")" && pwd -P)
prefix=""
admin=""
rollback=0

say() { printf '%s\n' "$*"; }
die() { printf '错误：%s\n' "$1" >&2; exit "${2:-1}"; }
usage() {
  cat <<'EOF'
用法：install.sh [--admin 用户名] [--prefix 目录]     安装或升级
      install.sh --rollback [--prefix 目录]          回退到上一版本及升级前的备份
EOF
}

while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) [ $# -ge 2 ] || die "--prefix 需要一个目录" 2; prefix=$2; shift 2 ;;
    --prefix=*) prefix=${1#--prefix=}; shift ;;
    --admin) [ $# -ge 2 ] || die "--admin 需要一个用户名" 2; admin=$2; shift 2 ;;
    --admin=*) admin=${1#--admin=}; shift ;;
    --rollback) rollback=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "不认识的参数：$1" 2 ;;
  esac
done
if [ -n "$prefix" ]; then
  mkdir -p "$prefix"
  prefix=$(cd "$prefix" && pwd -P)
fi

OPT=$prefix/opt/yanpan
ETC=$prefix/etc/yanpan
CONF=$ETC/yanpan.conf
DATA=$prefix/var/lib/yanpan
UNIT=$prefix/etc/systemd/system/yanpan.service
STATE=$OPT/previous
SVC=yanpan

# A real install (no --prefix) runs as root, creates the service user and drives systemd.
system=0
[ -z "$prefix" ] && system=1
if [ "$system" = 1 ] && [ "$(id -u)" != 0 ]; then die "请以 root 身份运行（sudo $0）" 2; fi
systemd_up=0
if [ "$system" = 1 ] && [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then systemd_up=1; fi

# Every file listed with the right SHA-256, none missing, none added; SHA256SUMS itself is covered because
# a changed byte in it makes its line disagree with the file it names.
verify_tree() {
  local dir=$1 bad listed present extra
  [ -f "$dir/SHA256SUMS" ] || { printf '%s\n' "缺少 SHA256SUMS" >&2; return 1; }
  if ! bad=$(cd "$dir" && LC_ALL=C sha256sum --strict --quiet -c SHA256SUMS 2>&1); then
    printf '%s\n' "$bad" | sed 's/^/  /' >&2
    return 1
  fi
  listed=$(cut -c67- "$dir/SHA256SUMS" | LC_ALL=C sort)
  present=$(cd "$dir" && find . \( -type f -o -type l \) ! -path ./SHA256SUMS | sed 's|^\./||' | LC_ALL=C sort)
  extra=$(LC_ALL=C comm -13 <(printf '%s\n' "$listed") <(printf '%s\n' "$present"))
  if [ -n "$extra" ]; then
    printf '  %s: 不在 SHA256SUMS 中\n' $extra >&2
    return 1
  fi
}

svc_stop() { if [ "$systemd_up" = 1 ]; then systemctl stop "$SVC" || true; fi; }
svc_start() {
  if [ "$systemd_up" = 1 ]; then
    systemctl daemon-reload
    systemctl enable "$SVC" >/dev/null 2>&1 || true
    systemctl restart "$SVC"
  else
    say "启动服务：$OPT/current/bin/yanpan serve --config $CONF"
  fi
}
# As the service's user when there is one, so that what it creates stays its own.
as_service() { if [ "$system" = 1 ]; then runuser -u "$SVC" -- "$@"; else "$@"; fi; }
switch_to() {
  ln -sfn "$1" "$OPT/current.new"
  mv -Tf "$OPT/current.new" "$OPT/current"
}

# ---------------------------------------------------------------- rollback
if [ "$rollback" = 1 ]; then
  [ -f "$STATE" ] || die "没有可回退的上一版本（$STATE 不存在）"
  read -r prev backup < "$STATE"
  [ -d "$OPT/$prev" ] || die "上一版本 $prev 不在 $OPT 中"
  verify_tree "$OPT/$prev" || die "已安装的 $prev 文件被改动，无法回退"
  say "回退到 $prev，恢复升级前的备份 $backup"
  svc_stop
  # The previous release restores its own backup: the newer one may have migrated the schema past it.
  "$OPT/$prev/bin/yanpan" restore "$backup" --config "$CONF" || { svc_start; die "恢复备份失败，未回退"; }
  switch_to "$prev"
  rm -f "$STATE"
  svc_start
  say "已回退到 $prev。"
  exit 0
fi

# ---------------------------------------------------------------- install or upgrade
[ -f "$here/VERSION" ] || die "这不是研判的捆绑包目录：$here"
say "校验捆绑包 $here …"
verify_tree "$here" || die "捆绑包已损坏（上列文件与 SHA256SUMS 不符），未作任何改动。请重新获取捆绑包并先核对 .sha256 文件。" 3
version=$(cat "$here/VERSION")
old=""
if [ -L "$OPT/current" ]; then old=$(readlink "$OPT/current"); fi
if [ "$old" = "$version" ]; then say "研判 $version 已是当前版本，无需安装。"; exit 0; fi

if [ "$system" = 1 ] && ! getent passwd "$SVC" >/dev/null; then
  useradd --system --home-dir "$DATA" --no-create-home --shell /usr/sbin/nologin --user-group "$SVC"
  say "已创建系统用户 $SVC"
fi

mkdir -p "$OPT"
if [ ! -d "$OPT/$version" ]; then
  rm -rf "$OPT/$version.partial"
  cp -a "$here" "$OPT/$version.partial"
  mv "$OPT/$version.partial" "$OPT/$version"
fi

mkdir -p "$DATA/backups" "$DATA/attachments"
chmod 750 "$DATA"
[ "$system" = 1 ] && chown -R "$SVC:$SVC" "$DATA"

if [ ! -f "$CONF" ]; then
  mkdir -p "$ETC"
  cat > "$CONF" <<EOF
# 研判（yanpan）服务配置。修改后执行 systemctl restart yanpan 生效。
# 命令行上与 --config 同时给出的参数优先于本文件。
# 仅本机可访问，直到配置好下面的证书；之后改为 0.0.0.0（或本机在公安网上的地址）
address = 127.0.0.1
port = 8443
# 用户在浏览器中输入的地址（与证书上的主机名一致），如 https://yanpan.zhidui.gaj:8443/
public_url =
# TLS 证书与私钥（PEM）。私钥须能被 yanpan 用户读取：chown root:yanpan 私钥; chmod 640 私钥
tls_cert =
tls_key =
data_dir = $DATA
# 每日自动备份时间（HH:MM，北京时间），off 为不自动备份；保留最近几份自动备份
backup_time = 02:30
backup_keep = 7
# 收件箱目录（须在数据目录之下，服务只能写数据目录，如 $DATA/inbox）：放入其中的导出目录（含 .done 标记，或一分钟内无变化）或 zip 自动导入，
# 随后分析当月并准备每日调度；导入后移入 .imported/，失败的移入 .failed/ 并附原因。留空则不启用。
inbox =
EOF
  chmod 640 "$CONF"
  [ "$system" = 1 ] && chown "root:$SVC" "$CONF"
  say "已写入配置文件 $CONF"
fi

mkdir -p "$(dirname "$UNIT")"
cat > "$UNIT" <<EOF
[Unit]
Description=研判 yanpan — 交警执法监督预警平台
After=network-online.target
Wants=network-online.target

[Service]
Type=simple
User=$SVC
Group=$SVC
ExecStart=$OPT/current/bin/yanpan serve --config $CONF
WorkingDirectory=$DATA
Restart=on-failure
RestartSec=5
# SIGTERM: the server stops accepting, lets requests finish, calls off a running import, checkpoints.
KillSignal=SIGTERM
TimeoutStopSec=90
UMask=0027
# Writes only its data folder; may bind a port below 1024 (443) without being root.
ProtectSystem=strict
ReadWritePaths=$DATA
ProtectHome=yes
PrivateTmp=yes
PrivateDevices=yes
NoNewPrivileges=yes
AmbientCapabilities=CAP_NET_BIND_SERVICE
CapabilityBoundingSet=CAP_NET_BIND_SERVICE

[Install]
WantedBy=multi-user.target
EOF
say "已写入 systemd 单元 $UNIT"

db=$DATA/yanpan.duckdb
if [ -z "$old" ]; then
  # ------------------------------------------------------------ first install: the first administrator
  if [ ! -f "$db" ]; then
    if [ -n "$admin" ]; then
      IFS= read -r password || die "--admin：请从标准输入提供密码"
    else
      [ -r /dev/tty ] || die "请用 --admin 用户名 并从标准输入提供密码（没有终端可询问）" 2
      printf '第一个管理员的用户名 [admin]：' > /dev/tty
      IFS= read -r admin < /dev/tty
      admin=${admin:-admin}
      while :; do
        printf '%s 的密码（至少 10 位，含大写、小写、数字、符号中的三类）：' "$admin" > /dev/tty
        IFS= read -rs password < /dev/tty; printf '\n' > /dev/tty
        printf '再输入一次：' > /dev/tty
        IFS= read -rs again < /dev/tty; printf '\n' > /dev/tty
        [ "$password" = "$again" ] && break
        say "两次输入不一致，请重新输入。" > /dev/tty
      done
    fi
    if ! printf '%s\n' "$password" | as_service "$OPT/$version/bin/yanpan" user add "$admin" --role admin --db "$db"; then
      rm -f "$db" "$db.wal"
      die "未能创建管理员 $admin（见上）。请重新运行 install.sh。"
    fi
  fi
  switch_to "$version"
  svc_start
  say "研判 $version 已安装到 $OPT/$version。"
else
  # ------------------------------------------------------------ upgrade: back up first, then switch
  say "升级：$old → $version"
  svc_stop
  backup=""
  if [ -f "$db" ]; then
    # The running release backs up its own database (the new one would migrate it first).
    out=$("$OPT/$old/bin/yanpan" backup --config "$CONF") || { svc_start; die "升级前备份失败，未升级（仍为 $old）"; }
    backup=$(printf '%s\n' "$out" | tail -n 1)
    printf '%s\n' "$out"
    printf '%s %s\n' "$old" "$backup" > "$STATE"
  fi
  switch_to "$version"
  svc_start
  say "已升级到 $version；数据库结构在首次启动时迁移。回退：$OPT/current/install.sh --rollback${prefix:+ --prefix $prefix}"
fi
