#!/bin/sh
# The "ppp" program for pptpd in tests, in place of pppd (which needs /dev/ppp). pptpctrl starts it
# with the pty slave as standard input and output and pppd's arguments. It records its arguments,
# puts the pty in raw mode (pptpctrl leaves it cooked, as pppd sets it itself), writes one
# HDLC-framed PPP frame (pptpctrl reads GRE from the client only after the first frame from its ppp
# program), then echoes back every byte it receives and keeps a copy.
# @DIRECTORY@ and @GREETING@ are filled in by EchoPppProgram.
set -eu
dir='@DIRECTORY@'
for argument in "$0" "$@"; do
    printf '%s\n' "$argument"
done > "$dir/call-$$.argv"
stty raw -echo
printf '@GREETING@'
: > "$dir/call-$$.ready"
exec tee "$dir/call-$$.received"
