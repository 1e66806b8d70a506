"""The shell scripts a user runs first: scripts/setup-system waits for a busy apt, scripts/run-app says when there
is no graphical session. apt-get, dpkg-query and sudo are stand-ins here: nothing is installed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LOCKED = "E: Could not get lock /var/lib/apt/lists/lock. It is held by process 4242 (apt-get)"

pytestmark = pytest.mark.skipif(os.name != "posix", reason="shell scripts")


def fake_tools(folder: Path, *, update_locked_times: int, install_error: str = "") -> Path:
    """dpkg-query that knows no package, sudo that just runs, and an apt-get that logs its calls and refuses
    `update` for a held lock the given number of times (or forever, with -1)."""
    bin_dir = folder / "bin"
    bin_dir.mkdir()
    scripts = {
        "dpkg-query": "#!/bin/sh\nexit 1\n",
        "sudo": '#!/bin/sh\nexec "$@"\n',
        "apt-get": f"""#!/bin/bash
echo "$*" >> "{folder}/calls"
if [[ " $* " == *" update "* ]]; then
  tries=$(cat "{folder}/tries" 2>/dev/null || echo 0)
  echo $((tries + 1)) > "{folder}/tries"
  if [ {update_locked_times} -lt 0 ] || [ "$tries" -lt {update_locked_times} ]; then
    echo "{LOCKED}" >&2
    echo "E: Unable to lock directory /var/lib/apt/lists/" >&2
    exit 100
  fi
fi
if [[ " $* " == *" install "* ]] && [ -n "{install_error}" ]; then
  echo "{install_error}" >&2
  exit 100
fi
exit 0
""",
    }
    for name, text in scripts.items():
        (bin_dir / name).write_text(text)
        (bin_dir / name).chmod(0o755)
    return bin_dir


def setup_system(tmp_path: Path, bin_dir: Path, wait: str = "300") -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "PATH": f"{bin_dir}:{os.environ['PATH']}",
        "FORM4_APT_LOCK_RETRY": "0.05",
        "FORM4_APT_LOCK_WAIT": wait,
    }
    return subprocess.run(
        ["bash", str(ROOT / "scripts" / "setup-system")], env=env, capture_output=True, text=True, timeout=60
    )


def test_setup_system_waits_while_another_program_holds_the_apt_lock(tmp_path):
    done = setup_system(tmp_path, fake_tools(tmp_path, update_locked_times=3))
    assert done.returncode == 0, done.stderr
    calls = (tmp_path / "calls").read_text().splitlines()
    assert len([call for call in calls if " update" in call]) == 4  # three refusals, then it ran
    assert all(call.startswith("-o DPkg::Lock::Timeout=") for call in calls)  # apt-get itself waits for dpkg's lock
    assert "install -y -qq --no-install-recommends libegl1" in calls[-1]
    assert done.stderr.count("waiting for it (up to 5 minutes)") == 1 and "Could not get lock" not in done.stderr


def test_setup_system_gives_up_after_the_wait_and_shows_apts_message(tmp_path):
    done = setup_system(tmp_path, fake_tools(tmp_path, update_locked_times=-1), wait="2")
    assert done.returncode == 100
    assert LOCKED in done.stderr
    assert int((tmp_path / "tries").read_text()) >= 2  # it did try again meanwhile (how often depends on the load)
    assert "install" not in (tmp_path / "calls").read_text()


def test_setup_system_does_not_wait_on_other_failures(tmp_path):
    problem = "E: Unable to locate package libxcb-cursor0"
    done = setup_system(tmp_path, fake_tools(tmp_path, update_locked_times=0, install_error=problem))
    assert done.returncode == 100 and problem in done.stderr and "waiting" not in done.stderr
    assert len((tmp_path / "calls").read_text().splitlines()) == 2  # update, install: once each


@pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the check is for Linux (elsewhere it would start the app)"
)
def test_run_app_without_a_graphical_session_says_so_in_one_sentence():
    env = {
        key: value for key, value in os.environ.items() if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    done = subprocess.run(
        ["bash", str(ROOT / "scripts" / "run-app")], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2
    assert done.stderr == (
        "form4-desktop needs a graphical session (no DISPLAY or WAYLAND_DISPLAY is set); run it from your desktop.\n"
    )
    assert done.stdout == ""
