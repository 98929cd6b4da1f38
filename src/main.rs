use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = certplan::cli::Cli::parse();
    let mut stdout = std::io::stdout().lock();
    let code = certplan::app::run(cli, &mut stdout);
    ExitCode::from(code)
}
