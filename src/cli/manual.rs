//! `wfm completions SHELL` and `wfm man --output DIR`: shell completions and man pages
//! generated from the clap definitions themselves, so they always match `--help`.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, Command};
use clap_complete::Shell;
use wfm::files::{Inputs, OutputDir};

/// `wfm completions SHELL`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell: bash, zsh, fish, elvish or powershell.
    shell: Shell,
}

/// `wfm man --output DIR`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// The folder for the pages: wfm.1 and one wfm-COMMAND.1 per command and subcommand
    /// (created if missing; its pages appear together or not at all).
    #[arg(long, short, value_name = "DIR")]
    output: PathBuf,
}

/// Prints the completion script of `shell` for `cmd` on standard output.
pub fn completions(args: &CompletionsArgs, mut cmd: Command) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    clap_complete::generate(args.shell, &mut cmd, "wfm", &mut out);
    out.flush()?;
    Ok(())
}

/// Writes the man pages of `cmd` and of every subcommand into the folder.
pub fn man(args: &ManArgs, cmd: Command, workspace: Option<&PathBuf>) -> anyhow::Result<()> {
    let pages = man_pages(cmd)?;
    let names: Vec<&str> = pages.iter().map(|(name, _)| name.as_str()).collect();
    Inputs::new()
        .maybe_workspace(workspace)
        .check_dir(&args.output, &names)?;
    let mut files = OutputDir::create(&args.output)?;
    for (name, page) in &pages {
        files.write(name, page)?;
    }
    let written = files.commit()?;
    println!(
        "wrote {} man pages into {}",
        written.len(),
        printable_path(&args.output)
    );
    Ok(())
}

/// Every page as `(file name, roff)`: `wfm.1`, then `wfm-forecast.1`,
/// `wfm-forecast-compute.1`, … (clap's `help` subcommands left out).
pub fn man_pages(mut cmd: Command) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    // names every subcommand `wfm-forecast-compute` and propagates the global options
    cmd.build();
    let mut pages = Vec::new();
    add_pages(&cmd, &mut pages)?;
    Ok(pages)
}

fn add_pages(cmd: &Command, pages: &mut Vec<(String, Vec<u8>)>) -> anyhow::Result<()> {
    let name = cmd
        .get_display_name()
        .unwrap_or_else(|| cmd.get_name())
        .to_owned();
    let mut page = Vec::new();
    clap_mangen::Man::new(cmd.clone()).render(&mut page)?;
    pages.push((format!("{name}.1"), page));
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        add_pages(sub, pages)?;
    }
    Ok(())
}

fn printable_path(path: &Path) -> String {
    wfm::core::text::printable(&path.display().to_string()).into_owned()
}
