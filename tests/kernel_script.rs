//! `scripts/rust-kernel`, the notebooks' kernel launcher, run on a copy of
//! itself in a scratch folder with a stand-in `evcxr_jupyter` that prints
//! what it was given. Checked: the start-up configuration it writes (the
//! notebooks' own `:dep` line, relative to the kernel's folder; cells at
//! opt-level 0), and the pruning of idle kernel slots.
#![cfg(target_os = "linux")]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A scratch copy of the repository's kernel files, removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let root =
            std::env::temp_dir().join(format!("backprop_lab-kernel-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        fs::create_dir_all(root.join("scripts")).unwrap();
        fs::create_dir_all(root.join("bin")).unwrap();
        fs::create_dir_all(root.join("notebooks/solutions")).unwrap();
        let here = Path::new(env!("CARGO_MANIFEST_DIR"));
        for f in ["rust-kernel", "kernel-cargo-config.toml"] {
            fs::copy(here.join("scripts").join(f), root.join("scripts").join(f)).unwrap();
        }
        // The stand-in kernel prints its build folder and start-up files. As
        // FAKE_START says, it then exits 0 ("ok"); fails at start, before the
        // start-up cell leaves its mark, when it is asked to load the crate
        // ("dep_fails"); or runs the start-up cell's mark and fails later ("crash").
        let fake = r##"#!/bin/bash
echo "tmpdir=$EVCXR_TMPDIR config=${EVCXR_CONFIG_DIR##*/}"
cat "$EVCXR_CONFIG_DIR/evcxr.toml"
[ -f "$EVCXR_CONFIG_DIR/init.evcxr" ] || exit 0
cat "$EVCXR_CONFIG_DIR/init.evcxr"
case "$FAKE_START" in
  dep_fails) exit 1 ;;
  crash) touch "$(sed -n 's/.*r#"\(.*\)"#.*/\1/p' "$EVCXR_CONFIG_DIR/init.evcxr")"; exit 1 ;;
esac
"##;
        fs::write(root.join("bin/evcxr_jupyter"), fake).unwrap();
        Command::new("chmod")
            .arg("+x")
            .arg(root.join("bin/evcxr_jupyter"))
            .status()
            .unwrap();
        Scratch(root)
    }

    /// Starts the launcher with `cwd` as the kernel's folder; its output.
    /// A build folder that has compiled the crate as it is now (a stand-in
    /// library, newer than the copied sources), as `make notebooks` leaves one.
    fn warm_folder(&self) -> PathBuf {
        let deps = self
            .0
            .join("warm/target/x86_64-unknown-linux-gnu/debug/deps");
        fs::create_dir_all(&deps).unwrap();
        fs::create_dir_all(self.0.join("src")).unwrap();
        fs::write(self.0.join("src/lib.rs"), "").unwrap();
        let lib = deps.join("libbackprop_lab-0123.rlib");
        fs::write(&lib, "").unwrap();
        assert!(Command::new("touch")
            .args(["-d", "tomorrow"])
            .arg(&lib)
            .status()
            .unwrap()
            .success());
        self.0.join("warm")
    }

    fn start_kernel(&self, cwd: &Path) -> String {
        let out = self.start_kernel_as(cwd, "ok");
        assert!(
            out.status.success(),
            "rust-kernel failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Starts the launcher with the stand-in kernel behaving as `fake_start` says.
    fn start_kernel_as(&self, cwd: &Path, fake_start: &str) -> std::process::Output {
        self.start_kernel_in(cwd, fake_start, None)
    }

    /// As `start_kernel_as`, with `EVCXR_TMPDIR` set to `build` if given (as
    /// `make notebooks` sets it), else unset (as JupyterLab leaves it).
    fn start_kernel_in(
        &self,
        cwd: &Path,
        fake_start: &str,
        build: Option<&Path>,
    ) -> std::process::Output {
        let path = format!(
            "{}:{}",
            self.0.join("bin").display(),
            std::env::var("PATH").unwrap_or_default()
        );
        let mut cmd = Command::new(self.0.join("scripts/rust-kernel"));
        match build {
            Some(dir) => cmd.env("EVCXR_TMPDIR", dir),
            None => cmd.env_remove("EVCXR_TMPDIR"),
        };
        cmd.arg("connection.json")
            .current_dir(cwd)
            .env("PATH", path)
            .env_remove("BACKPROP_LAB_KERNEL_SLOTS")
            .env_remove("BACKPROP_LAB_PRELOAD")
            .env("FAKE_START", fake_start)
            .output()
            .unwrap()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

#[test]
fn start_up_configuration_repeats_the_notebooks_dep_line() {
    let s = Scratch::new("config");
    // The exercise notebooks sit one folder down, the solutions two: their
    // `:dep` lines say ".." and "../.." (the committed notebooks' first cell).
    let warm = s.warm_folder();
    let run = |cwd: &str| {
        let out = s.start_kernel_in(&s.0.join(cwd), "ok", Some(&warm));
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let out = run("notebooks");
    assert!(out.contains("config=preload"), "{out}");
    assert!(
        out.contains(":dep backprop_lab = { path = \"..\" }\n"),
        "{out}"
    );
    assert!(out.contains("opt_level = \"0\""), "{out}");
    let out = run("notebooks/solutions");
    assert!(
        out.contains(":dep backprop_lab = { path = \"../..\" }\n"),
        "{out}"
    );
}

#[test]
fn a_build_folder_without_the_crate_compiled_as_it_is_now_starts_without_loading_it() {
    let s = Scratch::new("cold");
    // A cold folder: nothing compiled. The kernel starts at once, cells at
    // opt-level 0, and the notebook's `:dep` cell compiles the crate.
    let cold = s.0.join("cold");
    fs::create_dir_all(&cold).unwrap();
    let out = s.start_kernel_in(&s.0.join("notebooks"), "ok", Some(&cold));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("config=plain") && stdout.contains("opt_level = \"0\""),
        "{stdout}"
    );
    assert!(!stdout.contains(":dep"), "{stdout}");
    // A folder that compiled the crate before a source file changed: the same.
    let warm = s.warm_folder();
    fs::write(s.0.join("src/lib.rs"), "// edited").unwrap();
    let lib = warm.join("target/x86_64-unknown-linux-gnu/debug/deps/libbackprop_lab-0123.rlib");
    assert!(Command::new("touch")
        .args(["-d", "yesterday"])
        .arg(&lib)
        .status()
        .unwrap()
        .success());
    let out = s.start_kernel_in(&s.0.join("notebooks"), "ok", Some(&warm));
    assert!(String::from_utf8_lossy(&out.stdout).contains("config=plain"));
}

#[test]
fn idle_slots_beyond_two_are_pruned_least_recently_used_first() {
    let s = Scratch::new("prune");
    let slots = s.0.join("target/evcxr-kernels");
    fs::create_dir_all(&slots).unwrap();
    // Six idle slots, slot-k last used on day k + 1 of January.
    for k in 0..6 {
        fs::create_dir_all(slots.join(format!("slot-{k}"))).unwrap();
        fs::write(slots.join(format!("slot-{k}/compiled")), "x").unwrap();
        let lock = slots.join(format!("slot-{k}.lock"));
        fs::write(&lock, "").unwrap();
        let day = format!("2026-01-0{}", k + 1);
        assert!(Command::new("touch")
            .args(["-d", &day])
            .arg(&lock)
            .status()
            .unwrap()
            .success());
    }
    let out = s.start_kernel(&s.0.join("notebooks"));
    // The new kernel takes the first free slot, 0 (warm, so kept as it is);
    // of the other five, the two used last (5 and 4) stay, 1, 2 and 3 go.
    assert!(
        out.contains(&format!("tmpdir={}", slots.join("slot-0").display())),
        "{out}"
    );
    for (k, kept) in [
        (0, true),
        (1, false),
        (2, false),
        (3, false),
        (4, true),
        (5, true),
    ] {
        assert_eq!(slots.join(format!("slot-{k}")).is_dir(), kept, "slot-{k}");
    }
    assert!(
        slots.join("slot-0/compiled").is_file(),
        "the kernel's own slot keeps its build"
    );
}

#[test]
fn a_crate_that_fails_to_load_at_start_gets_a_kernel_without_it() {
    let s = Scratch::new("fallback");
    let warm = s.warm_folder();
    let out = s.start_kernel_in(&s.0.join("notebooks"), "dep_fails", Some(&warm));
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    // First the start-up with the crate, which fails; then one without it,
    // which runs (and exits 0 here), after saying why on stderr.
    assert!(out.status.success(), "{stdout}{stderr}");
    assert!(stdout.contains("config=preload"), "{stdout}");
    assert!(
        stdout
            .trim_end()
            .lines()
            .last()
            .unwrap_or("")
            .contains("opt_level"),
        "{stdout}"
    );
    assert_eq!(stdout.matches("config=plain").count(), 1, "{stdout}");
    assert!(
        stderr.contains("could not load backprop_lab at start (exit 1)"),
        "{stderr}"
    );
}

#[test]
fn a_kernel_that_started_and_later_failed_is_not_started_again() {
    let s = Scratch::new("crash");
    let warm = s.warm_folder();
    let out = s.start_kernel_in(&s.0.join("notebooks"), "crash", Some(&warm));
    let stdout = String::from_utf8_lossy(&out.stdout);
    // Its exit code is the kernel's; JupyterLab, not the launcher, restarts it.
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(!stdout.contains("config=plain"), "{stdout}");
}
