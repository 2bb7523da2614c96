#!/usr/bin/env bash
# `make install DESTDIR=...` lays out a desktop install: the binary, the
# .desktop entry (photos and plans open with smpview), the plan MIME type, the
# icon as SVG and PNGs under share/icons/hicolor, and the man page; the entry
# passes desktop-file-validate where that is installed (otherwise: skip).
. "$(dirname "$0")/../lib.sh"
dest="$TMP/root"
san=
case $SMP_BUILD in *asan*) san=SAN=1 ;; esac # the same flags as the build being tested
if make -C "$SMP_ROOT" --no-print-directory BUILD="$SMP_BUILD" $san DESTDIR="$dest" PREFIX=/usr install \
    >"$TMP/install.log" 2>&1; then ok install_runs; else fail install_runs "$(tail -3 "$TMP/install.log")"; fi
share="$dest/usr/share"
check install_binary test -x "$dest/usr/bin/smpview"
check install_desktop_entry grep -qx 'Exec=smpview %f' "$share/applications/smpview.desktop"
mime=$(sed -n 's/^MimeType=//p' "$share/applications/smpview.desktop" 2>/dev/null)
for t in image/jpeg image/png image/heic image/webp application/x-smpview-plan; do
    check "install_desktop_opens_${t//\//_}" grep -q "\(^\|;\)$t;" <<<"$mime"
done
check install_mime_plan_type grep -q 'type="application/x-smpview-plan"' "$share/mime/packages/smpview.xml"
check install_mime_plan_glob grep -q 'pattern="\*\.smp"' "$share/mime/packages/smpview.xml"
check install_icon_svg grep -q '<svg' "$share/icons/hicolor/scalable/apps/smpview.svg"
for n in 16 32 48 256; do
    png="$share/icons/hicolor/${n}x$n/apps/smpview.png"
    check "install_icon_png_$n" test "$("$IMGCMP" "$png" "$png" 2>&1 | cut -d' ' -f1-2)" = "width=$n height=$n"
done
# the icon is drawn, not blank: its centre is skin and a corner is transparent
# (imgcmp reads RGB; a transparent corner reads black)
png="$share/icons/hicolor/256x256/apps/smpview.png"
check install_icon_drawn test "$("$IMGCMP" pixel "$png" 128 200)" = "217 169 138"
check install_man_page grep -q '^\.TH SMPVIEW 1 .*smpview [0-9]' "$share/man/man1/smpview.1"
check install_man_page_no_placeholder test -z "$(grep -l '@VERSION@' "$share/man/man1/smpview.1")"

if command -v xmllint >/dev/null; then
    check install_mime_xml_well_formed xmllint --noout "$share/mime/packages/smpview.xml"
else
    skip install_mime_xml_well_formed "xmllint not installed"
fi
if command -v desktop-file-validate >/dev/null; then
    if out=$(desktop-file-validate "$share/applications/smpview.desktop" 2>&1) && [ -z "$out" ]; then
        ok install_desktop_file_validates; else fail install_desktop_file_validates "$out"; fi
else
    skip install_desktop_file_validates "desktop-file-validate not installed (Debian: desktop-file-utils)"
fi
if command -v update-mime-database >/dev/null; then
    # the plan type is registered: a plan file is recognised by its name
    cp -r "$share/mime" "$TMP/mime"
    if update-mime-database "$TMP/mime" >/dev/null 2>&1 &&
        grep -q 'application/x-smpview-plan:\*\.smp' "$TMP/mime/globs2" 2>/dev/null; then
        ok install_mime_database_registers_smp; else fail install_mime_database_registers_smp "not in globs2"; fi
else
    skip install_mime_database_registers_smp "update-mime-database not installed (Debian: shared-mime-info)"
fi
