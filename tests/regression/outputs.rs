//! Regression tests of issue 17 ("Nothing lost"): what a writer may overwrite (items 1–5).
//!
//! Each test is named after the bug it pins; `docs/output-files.md` is the table of what
//! every writing command does, and the cells tested here are marked there.
#![allow(unsafe_code, reason = "libc geteuid, mkfifo, kill (see SAFETY)")]

use std::fs;
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Stdio;

use assert_cmd::Command;
use predicates::prelude::*;

#[path = "../common/plan_inputs.rs"]
pub(crate) mod shared_plan_inputs;

fn wfm() -> Command {
    Command::cargo_bin("wfm").expect("the wfm binary is built")
}

fn on(ws: &Path) -> Command {
    let mut c = wfm();
    c.arg("--workspace").arg(ws);
    c
}

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// A staffing batch of `rows` rows whose volumes start at `base` (two bases give two
/// different outputs).
fn staff_input(dir: &Path, name: &str, rows: usize, base: usize) -> PathBuf {
    let mut text = String::from("volume,aht_seconds,interval_seconds,asa_target_seconds\n");
    for i in 0..rows {
        text += &format!("{},180,1800,15\n", base + i % 97);
    }
    let path = dir.join(name);
    fs::write(&path, text).unwrap();
    path
}

fn staff(input: &Path, output: impl AsRef<std::ffi::OsStr>) -> Command {
    let mut c = wfm();
    c.args(["staff", "--input"])
        .arg(input)
        .arg("--output")
        .arg(output);
    c
}

/// The output `wfm staff` gives for `input`, written to a plain new file.
fn staff_reference(input: &Path) -> Vec<u8> {
    let out = input.with_extension("reference.csv");
    staff(input, &out).assert().success();
    fs::read(&out).unwrap()
}

/// The names in `dir` that look like a wfm temporary file or folder.
fn temp_names(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(wfm::files::TEMP_MARK))
        .collect()
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

/// A workspace with the sample's daily history, group Sales (queue 1001) and a computed
/// long-term forecast of 4 weeks: an export of it succeeds.
fn workspace_with_forecast(dir: &Path) -> PathBuf {
    let ws = dir.join("cc.wfm");
    on(&ws)
        .args(["workspace", "create", "--interval", "30"])
        .assert()
        .success();
    on(&ws)
        .args(["history", "import"])
        .arg(repo("data/sample/daily.csv"))
        .assert()
        .success();
    on(&ws)
        .args(["groups", "create", "Sales", "--queues", "1001"])
        .assert()
        .success();
    on(&ws)
        .args([
            "forecast", "compute", "--group", "Sales", "--kind", "long", "--weeks", "4",
        ])
        .assert()
        .success();
    ws
}

/// Asserts that `cmd` is refused as writing onto an input (exit 2, the message), and that
/// `file` still has `before`.
fn assert_refused(cmd: &mut Command, file: &Path, before: &[u8]) {
    cmd.assert()
        .code(2)
        .stderr(predicate::str::contains("choose another output"))
        .stderr(predicate::str::contains("nothing was written"));
    assert!(
        fs::read(file).unwrap() == before,
        "{} changed",
        file.display()
    );
}

/// The workspace still opens and holds its history.
fn assert_workspace_intact(ws: &Path) {
    on(ws)
        .args(["history", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("daily.csv"));
}

// ---- item 1: an output that is the open workspace or an input of the same command ----

#[test]
fn forecast_export_to_the_open_workspace_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let ws = workspace_with_forecast(dir.path());
    let before = fs::read(&ws).unwrap();
    assert_refused(
        on(&ws)
            .args([
                "forecast", "export", "--group", "Sales", "--kind", "long", "--output",
            ])
            .arg(&ws),
        &ws,
        &before,
    );
    // the same file under another name: a symbolic link and a hard link
    let link = dir.path().join("link.csv");
    std::os::unix::fs::symlink(&ws, &link).unwrap();
    let hard = dir.path().join("hard.csv");
    fs::hard_link(&ws, &hard).unwrap();
    for other in [&link, &hard] {
        assert_refused(
            on(&ws)
                .args([
                    "forecast", "export", "--group", "Sales", "--kind", "long", "--output",
                ])
                .arg(other),
            &ws,
            &before,
        );
    }
    assert_workspace_intact(&ws);
    // and an export elsewhere still works
    let out = dir.path().join("lt.csv");
    on(&ws)
        .args([
            "forecast", "export", "--group", "Sales", "--kind", "long", "--output",
        ])
        .arg(&out)
        .assert()
        .success();
    assert!(fs::read_to_string(&out).unwrap().starts_with("QueueName,"));
}

#[test]
fn forecast_override_template_onto_the_workspace_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let ws = workspace_with_forecast(dir.path());
    let before = fs::read(&ws).unwrap();
    assert_refused(
        on(&ws)
            .args(["forecast", "override", "--group", "Sales", "--template"])
            .arg(&ws),
        &ws,
        &before,
    );
    assert_workspace_intact(&ws);
}

#[test]
fn history_export_onto_the_workspace_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let ws = workspace_with_forecast(dir.path());
    // a name with the right extension pointing at the workspace
    let link = dir.path().join("history.csv");
    std::os::unix::fs::symlink(&ws, &link).unwrap();
    let before = fs::read(&ws).unwrap();
    assert_refused(
        on(&ws).args(["history", "export", "--output"]).arg(&link),
        &ws,
        &before,
    );
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_workspace_intact(&ws);
}

#[test]
fn schedule_scenario_export_onto_the_workspace_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("cc.wfm");
    on(&ws)
        .args(["workspace", "create", "--interval", "30"])
        .assert()
        .success();
    on(&ws)
        .args(["schedule", "scenario", "import"])
        .arg(repo("data/scenarios/schedule_example.toml"))
        .assert()
        .success();
    let before = fs::read(&ws).unwrap();
    assert_refused(
        on(&ws)
            .args(["schedule", "scenario", "export", "--output"])
            .arg(&ws),
        &ws,
        &before,
    );
    on(&ws)
        .args(["schedule", "scenario", "show"])
        .assert()
        .success();
}

#[test]
fn forecast_from_history_onto_its_own_history_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let history = dir.path().join("h.csv");
    fs::copy(repo("data/sample/daily.csv"), &history).unwrap();
    let before = fs::read(&history).unwrap();
    assert_refused(
        wfm()
            .args(["forecast", "--history"])
            .arg(&history)
            .args(["--kind", "long", "--weeks", "4", "--output"])
            .arg(&history),
        &history,
        &before,
    );
}

#[test]
fn forecast_onto_the_workspace_named_on_the_command_line_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let ws = workspace_with_forecast(dir.path());
    let before = fs::read(&ws).unwrap();
    assert_refused(
        on(&ws)
            .args(["forecast", "--history"])
            .arg(repo("data/sample/daily.csv"))
            .args(["--kind", "long", "--weeks", "4", "--output"])
            .arg(&ws),
        &ws,
        &before,
    );
}

#[test]
fn staff_output_onto_its_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let input = staff_input(dir.path(), "in.csv", 10, 100);
    let hard = dir.path().join("hard.csv");
    fs::hard_link(&input, &hard).unwrap();
    let before = fs::read(&input).unwrap();
    assert_refused(&mut staff(&input, &input), &input, &before);
    assert_refused(&mut staff(&input, &hard), &input, &before);
}

#[test]
fn plan_output_folder_holding_an_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("plan");
    fs::create_dir(&out).unwrap();
    let (long, short, scenario) = plan_inputs(dir.path());
    // the long-term forecast lives where the plan would write its weekly CSV
    let weekly = out.join("plan_weekly.csv");
    fs::rename(&long, &weekly).unwrap();
    let before = fs::read(&weekly).unwrap();
    assert_refused(
        &mut plan(&out, &weekly, &short, &scenario),
        &weekly,
        &before,
    );
    assert!(!out.join("plan.xlsx").exists());
}

#[test]
fn schedule_generate_output_folder_holding_an_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    fs::create_dir(&out).unwrap();
    let forecast = out.join("coverage.csv");
    fs::write(&forecast, schedule_forecast()).unwrap();
    let before = fs::read(&forecast).unwrap();
    assert_refused(&mut schedule(&forecast, &out), &forecast, &before);
    assert!(!out.join("schedule.json").exists());
}

// ---- item 2: what is at the path is kept ----

#[test]
fn staff_output_to_dev_null_writes_through_and_keeps_the_device() {
    let dir = tempfile::tempdir().unwrap();
    let input = staff_input(dir.path(), "in.csv", 10, 100);
    staff(&input, "/dev/null").assert().success();
    let meta = fs::symlink_metadata("/dev/null").unwrap();
    assert!(meta.file_type().is_char_device());
    // through a symbolic link too: the link stays, the device gets the content
    let link = dir.path().join("out.csv");
    std::os::unix::fs::symlink("/dev/null", &link).unwrap();
    staff(&input, &link).assert().success();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        fs::symlink_metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );
    assert!(temp_names(dir.path()).is_empty());
}

#[test]
fn staff_output_to_a_fifo_writes_through_and_keeps_the_fifo() {
    let dir = tempfile::tempdir().unwrap();
    let input = staff_input(dir.path(), "in.csv", 1000, 100);
    let expected = staff_reference(&input);
    let fifo = dir.path().join("out.fifo");
    let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: `c` is a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::read(fifo).unwrap())
    };
    staff(&input, &fifo).assert().success();
    // checked before the reader is joined: a FIFO replaced by a file would leave the
    // reader waiting for a writer forever
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    assert_eq!(reader.join().unwrap(), expected);
}

#[test]
fn staff_output_through_a_symlink_replaces_the_target_and_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let input = staff_input(dir.path(), "in.csv", 10, 100);
    let expected = staff_reference(&input);
    let target = dir.path().join("target.csv");
    fs::write(&target, "old").unwrap();
    let link = dir.path().join("out.csv");
    std::os::unix::fs::symlink("target.csv", &link).unwrap();
    staff(&input, &link).assert().success();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read(&target).unwrap(), expected);
    // a dangling link: its target is created
    let dangling = dir.path().join("dangling.csv");
    std::os::unix::fs::symlink("new.csv", &dangling).unwrap();
    staff(&input, &dangling).assert().success();
    assert!(
        fs::symlink_metadata(&dangling)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read(dir.path().join("new.csv")).unwrap(), expected);
}

#[test]
fn staff_output_keeps_a_private_files_mode() {
    let dir = tempfile::tempdir().unwrap();
    let input = staff_input(dir.path(), "in.csv", 10, 100);
    let out = dir.path().join("out.csv");
    fs::write(&out, "old").unwrap();
    fs::set_permissions(&out, fs::Permissions::from_mode(0o600)).unwrap();
    staff(&input, &out).assert().success();
    assert_eq!(fs::metadata(&out).unwrap().mode() & 0o7777, 0o600);
    assert!(fs::read_to_string(&out).unwrap().starts_with("volume,"));
}

#[test]
fn staff_output_to_a_hard_linked_file_keeps_its_inode() {
    let dir = tempfile::tempdir().unwrap();
    let input = staff_input(dir.path(), "in.csv", 10, 100);
    let expected = staff_reference(&input);
    let out = dir.path().join("out.csv");
    fs::write(&out, "old").unwrap();
    let other = dir.path().join("other-name.csv");
    fs::hard_link(&out, &other).unwrap();
    let inode = fs::metadata(&out).unwrap().ino();
    staff(&input, &out).assert().success();
    assert_eq!(fs::metadata(&out).unwrap().ino(), inode);
    assert_eq!(fs::read(&other).unwrap(), expected);
}

#[test]
fn staff_output_dash_is_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let input = staff_input(dir.path(), "in.csv", 10, 100);
    let expected = staff_reference(&input);
    let out = staff(&input, "-").assert().success();
    assert_eq!(out.get_output().stdout, expected);
    assert!(!dir.path().join("-").exists());
}

#[test]
fn forecast_export_dash_is_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let ws = workspace_with_forecast(dir.path());
    let out = on(&ws)
        .args([
            "forecast", "export", "--group", "Sales", "--kind", "long", "--output", "-",
        ])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.starts_with("QueueName,"), "{text}");
    assert!(!text.contains("wrote"), "{text}");
}

#[test]
fn staff_output_onto_a_folder_or_into_a_missing_folder_fails_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let input = staff_input(dir.path(), "in.csv", 10, 100);
    let folder = dir.path().join("folder");
    fs::create_dir(&folder).unwrap();
    staff(&input, &folder)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("is a folder"));
    assert!(folder.is_dir());
    assert_eq!(fs::read_dir(&folder).unwrap().count(), 0);
    staff(&input, dir.path().join("missing/out.csv"))
        .assert()
        .code(1);
    assert!(temp_names(dir.path()).is_empty());
}

#[test]
fn staff_output_into_a_read_only_folder_fails_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    // readable by the unprivileged user the command runs as when the tests run as root
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let input = staff_input(dir.path(), "in.csv", 10, 100);
    let folder = dir.path().join("ro");
    fs::create_dir(&folder).unwrap();
    fs::write(folder.join("out.csv"), "old").unwrap();
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o555)).unwrap();
    let bin = Path::new(env!("CARGO_BIN_EXE_wfm"));
    let mut cmd = if is_root() {
        // root may write into any folder: run as nobody
        let mut c = std::process::Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(bin);
        c
    } else {
        std::process::Command::new(bin)
    };
    let out = cmd
        .args(["staff", "--input"])
        .arg(&input)
        .arg("--output")
        .arg(folder.join("out.csv"))
        .output()
        .unwrap();
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o755)).unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("ermission denied"), "{stderr}");
    assert_eq!(fs::read_to_string(folder.join("out.csv")).unwrap(), "old");
    assert!(temp_names(&folder).is_empty());
}

/// A 64 KiB tmpfs mounted on a folder of a temp dir for the test's life (root only).
struct SmallDisk {
    dir: tempfile::TempDir,
}

impl SmallDisk {
    /// `None` when it cannot be mounted here (not root, no `mount`).
    fn mount() -> Option<Self> {
        let dir = tempfile::tempdir().ok()?;
        let done = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
            .arg(dir.path())
            .stderr(Stdio::null())
            .status()
            .ok()?;
        done.success().then_some(Self { dir })
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Fills it up to `free` bytes of free space, about.
    fn fill(&self, free: usize) {
        fs::write(
            self.path().join("filler"),
            vec![0u8; 64 * 1024 - 4096 - free],
        )
        .unwrap();
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg(self.dir.path())
            .status();
    }
}

#[test]
fn staff_and_plan_on_a_full_disk_fail_and_keep_the_old_output() {
    let Some(disk) = SmallDisk::mount() else {
        eprintln!("no tmpfs can be mounted here (not root): the full-disk case is not run");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    // about 400 KB of results: more than the disk holds
    let input = staff_input(dir.path(), "in.csv", 5000, 100);
    let out = disk.path().join("out.csv");
    fs::write(&out, "old").unwrap();
    staff(&input, &out)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("No space left on device"));
    assert_eq!(fs::read_to_string(&out).unwrap(), "old");
    assert!(temp_names(disk.path()).is_empty());
    // a plan (about 15 KB) into a new folder with 8 KB left: no folder appears
    fs::remove_file(&out).unwrap();
    disk.fill(8 * 1024);
    let (long, short, scenario) = plan_inputs(dir.path());
    let folder = disk.path().join("plan");
    plan(&folder, &long, &short, &scenario)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("No space left on device"));
    assert!(!folder.exists());
    assert!(temp_names(disk.path()).is_empty());
}

// ---- item 3: temporary files ----

#[test]
fn a_planted_link_at_the_old_partial_name_is_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let input = staff_input(dir.path(), "ok.csv", 10, 100);
    let victim = dir.path().join("victim.txt");
    fs::write(&victim, "precious").unwrap();
    std::os::unix::fs::symlink(&victim, dir.path().join("out.wfm-partial")).unwrap();
    staff(&input, dir.path().join("out.csv")).assert().success();
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
    assert!(temp_names(dir.path()).is_empty());
}

// ---- item 4: two runs to one output ----

#[test]
fn two_staff_runs_to_one_output_leave_one_runs_whole_file() {
    let dir = tempfile::tempdir().unwrap();
    let rows = 200_000;
    let a = staff_input(dir.path(), "a.csv", rows, 100);
    let b = staff_input(dir.path(), "b.csv", rows, 300);
    let (ref_a, ref_b) = (staff_reference(&a), staff_reference(&b));
    assert_ne!(ref_a, ref_b);
    let out = dir.path().join("out.csv");
    for _ in 0..2 {
        let bin = Path::new(env!("CARGO_BIN_EXE_wfm"));
        let run = |input: &Path| {
            std::process::Command::new(bin)
                .args(["staff", "--input"])
                .arg(input)
                .arg("--output")
                .arg(&out)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap()
        };
        let (mut first, mut second) = (run(&a), run(&b));
        assert!(first.wait().unwrap().success());
        assert!(second.wait().unwrap().success());
        let written = fs::read(&out).unwrap();
        assert!(
            written == ref_a || written == ref_b,
            "the output is neither run's file ({} bytes)",
            written.len()
        );
        assert!(temp_names(dir.path()).is_empty());
    }
}

// ---- item 5: multi-file outputs, and interrupted runs ----

#[test]
fn a_failing_plan_leaves_the_folder_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let (long, short, scenario) = plan_inputs(dir.path());
    let out = dir.path().join("plan");
    fs::create_dir(&out).unwrap();
    fs::write(out.join("plan_weekly.csv"), "old weekly").unwrap();
    // the last file of the plan cannot be written
    fs::create_dir(out.join("plan.xlsx")).unwrap();
    plan(&out, &long, &short, &scenario).assert().code(1);
    assert_eq!(
        fs::read_to_string(out.join("plan_weekly.csv")).unwrap(),
        "old weekly"
    );
    assert!(!out.join("plan_monthly.csv").exists());
    assert!(temp_names(&out).is_empty());
}

#[test]
fn a_new_plan_folder_appears_whole() {
    let dir = tempfile::tempdir().unwrap();
    let (long, short, scenario) = plan_inputs(dir.path());
    let out = dir.path().join("new/plan");
    plan(&out, &long, &short, &scenario).assert().success();
    let mut names: Vec<String> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["plan.xlsx", "plan_monthly.csv", "plan_weekly.csv"]);
    assert!(temp_names(&dir.path().join("new")).is_empty());
    // the folder gets the mode of any new folder (0777 minus the umask), not 0700
    assert_ne!(fs::metadata(&out).unwrap().mode() & 0o077, 0);
}

#[test]
fn a_failing_schedule_generate_leaves_the_folder_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let forecast = dir.path().join("st.csv");
    fs::write(&forecast, schedule_forecast()).unwrap();
    let out = dir.path().join("out");
    fs::create_dir(&out).unwrap();
    fs::write(out.join("schedule.json"), "old").unwrap();
    fs::create_dir(out.join("report.json")).unwrap();
    schedule(&forecast, &out).assert().code(1);
    assert_eq!(
        fs::read_to_string(out.join("schedule.json")).unwrap(),
        "old"
    );
    assert!(!out.join("shifts.csv").exists());
    assert!(temp_names(&out).is_empty());
}

/// Starts `wfm staff` on a large batch to `out`, waits until its temporary file exists,
/// sends `signal`, and returns the exit status.
fn interrupt_staff(dir: &Path, out: &Path, signal: i32) -> std::process::ExitStatus {
    let input = staff_input(dir, "big.csv", 1_000_000, 100);
    let mut child = std::process::Command::new(Path::new(env!("CARGO_BIN_EXE_wfm")))
        .args(["staff", "--input"])
        .arg(&input)
        .arg("--output")
        .arg(out)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    loop {
        if !temp_names(dir).is_empty() {
            break;
        }
        if let Some(status) = child.try_wait().unwrap() {
            panic!("wfm staff ended before its output was started: {status}");
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    let pid = i32::try_from(child.id()).unwrap();
    // SAFETY: kill has no memory preconditions; `pid` is our child.
    assert_eq!(unsafe { libc::kill(pid, signal) }, 0);
    child.wait().unwrap()
}

#[test]
fn sigterm_during_a_staff_batch_removes_the_temp_file_and_keeps_the_old_output() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.csv");
    fs::write(&out, "old").unwrap();
    let status = interrupt_staff(dir.path(), &out, libc::SIGTERM);
    if status.success() {
        // the batch ended before the signal was handled: nothing to check of an interrupt
        assert!(temp_names(dir.path()).is_empty());
        return;
    }
    assert_eq!(status.code(), Some(143), "{status}");
    assert_eq!(fs::read_to_string(&out).unwrap(), "old");
    assert!(
        temp_names(dir.path()).is_empty(),
        "{:?}",
        temp_names(dir.path())
    );
}

#[test]
fn sigint_during_a_staff_batch_removes_the_temp_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.csv");
    let status = interrupt_staff(dir.path(), &out, libc::SIGINT);
    if status.success() {
        assert!(temp_names(dir.path()).is_empty());
        return;
    }
    assert_eq!(status.code(), Some(130), "{status}");
    assert!(!out.exists());
    assert!(
        temp_names(dir.path()).is_empty(),
        "{:?}",
        temp_names(dir.path())
    );
}

// ---- inputs of the multi-file commands ----

/// The header of the SPEC §3 forecast CSV.
const FORECAST_HEADER: &str = "QueueName,QueueId,ChannelType,TimeStamp,IntervalDuration,IncomingContactVolume,AverageHandleTime";

/// The inputs of the `wfm plan` tests: `(long.csv, short.csv, scenario.toml)` in `dir`.
fn plan_inputs(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    shared_plan_inputs::inputs(dir)
}

/// `wfm plan` of 8 weeks from Monday 2025-01-06 into `out`.
fn plan(out: &Path, long: &Path, short: &Path, scenario: &Path) -> Command {
    let mut c = wfm();
    c.args(["plan", "--start", "2025-01-06", "--weeks", "8", "--output"])
        .arg(out)
        .arg("--forecast-long")
        .arg(long)
        .arg("--forecast-short")
        .arg(short)
        .arg("--scenario")
        .arg(scenario);
    c
}

/// 4 contacts per quarter hour 13:00–20:00 UTC Monday to Saturday of the week of
/// 2026-03-02 for queue q1 of the example scheduling scenario, AHT 300 s.
fn schedule_forecast() -> String {
    let mut text = format!("{FORECAST_HEADER}\n");
    let monday = chrono::NaiveDate::from_ymd_opt(2026, 3, 2)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap()
        .and_utc();
    for i in 0..672i64 {
        let (day, quarter) = (i / 96, i % 96);
        let volume = if day < 6 && (52..80).contains(&quarter) {
            4
        } else {
            0
        };
        let t = monday + chrono::Duration::minutes(15 * i);
        text += &format!(
            "Support,q1,VOICE,{},15mins,{volume},300\n",
            t.format("%Y-%m-%dT%H:%M:%SZ")
        );
    }
    text
}

/// `wfm schedule generate` of the example scenario's Day team for the week of
/// 2026-03-02 into `out`.
fn schedule(forecast: &Path, out: &Path) -> Command {
    let mut c = wfm();
    c.args(["schedule", "generate", "--scenario"])
        .arg(repo("data/scenarios/schedule_example.toml"))
        .arg("--forecast")
        .arg(forecast)
        .args([
            "--group",
            "Day team",
            "--week-start",
            "2026-03-02",
            "--time-limit",
            "20",
            "--output",
        ])
        .arg(out);
    c
}
