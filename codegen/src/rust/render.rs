//! Printing token trees as formatted Rust: parse with syn, print with prettyplease.
//!
//! Parsing and printing cost more than building the tokens, so files are printed in
//! chunks (an item or a few) by a pool of threads while the generator is still
//! building later chunks. Token trees cannot cross threads (proc-macro2 counts their
//! references without atomics), so a chunk travels as its text, which syn parses as
//! fast as it parses tokens. Chunks print independently of each other, and the
//! printed chunks of a file are joined in submission order, so the output is the
//! same as printing the whole file at once, on any number of threads.

use std::num::NonZeroUsize;
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Mutex, PoisonError};

use proc_macro2::TokenStream;

use super::space_items;
use crate::GenerateError;

/// Prints one file's worth of tokens.
pub fn render(tokens: TokenStream) -> Result<String, GenerateError> {
    let file: syn::File = syn::parse2(tokens).map_err(parse_error)?;
    Ok(space_items(&prettyplease::unparse(&file)))
}

fn parse_error(e: syn::Error) -> GenerateError {
    GenerateError::Render {
        message: format!("generated Rust did not parse (a poly-codegen bug): {e}"),
    }
}

/// A chunk of a file to print.
struct Job {
    file: usize,
    seq: usize,
    text: String,
}

/// A printed chunk, by file and position.
type Printed = (usize, usize, Result<String, syn::Error>);

/// Takes the chunks of files, numbered from 0, to print while more are built.
pub struct Pool {
    jobs: Sender<Job>,
    /// The next chunk position, by file.
    next: Vec<usize>,
}

impl Pool {
    /// Queues the next chunk of `file`.
    pub fn submit(&mut self, file: usize, chunk: &TokenStream) {
        if self.next.len() <= file {
            self.next.resize(file + 1, 0);
        }
        let seq = self.next[file];
        self.next[file] += 1;
        // The receiver lives until every chunk is printed (see `in_parallel`), so a
        // send cannot fail.
        let _ = self.jobs.send(Job {
            file,
            seq,
            text: chunk.to_string(),
        });
    }
}

/// Runs `build`, which submits chunks to the pool, and returns the printed files in
/// file order. The calling thread builds; the other cores print; then all print.
pub fn in_parallel(build: impl FnOnce(&mut Pool)) -> Result<Vec<String>, GenerateError> {
    let (sender, receiver) = channel::<Job>();
    let receiver = Mutex::new(receiver);
    let helpers = std::thread::available_parallelism().map_or(1, NonZeroUsize::get) - 1;
    let printed = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..helpers)
            .map(|_| scope.spawn(|| print_queued(&receiver)))
            .collect();
        let mut pool = Pool {
            jobs: sender,
            next: Vec::new(),
        };
        build(&mut pool);
        // Closing the queue lets the helpers finish once it is empty.
        drop(pool);
        let mut printed = print_queued(&receiver);
        for handle in handles {
            match handle.join() {
                Ok(part) => printed.extend(part),
                Err(_) => {
                    return Err(GenerateError::Render {
                        message: "a render thread panicked (a poly-codegen bug)".to_owned(),
                    })
                }
            }
        }
        Ok(printed)
    })?;
    assemble(printed)
}

/// Prints queued chunks until the queue is closed and empty.
fn print_queued(receiver: &Mutex<Receiver<Job>>) -> Vec<Printed> {
    let mut printed = Vec::new();
    loop {
        let job = receiver
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .recv();
        let Ok(job) = job else {
            return printed;
        };
        let text = syn::parse_file(&job.text).map(|file| prettyplease::unparse(&file));
        printed.push((job.file, job.seq, text));
    }
}

/// Joins the printed chunks of each file in order.
fn assemble(mut printed: Vec<Printed>) -> Result<Vec<String>, GenerateError> {
    printed.sort_unstable_by_key(|(file, seq, _)| (*file, *seq));
    let mut files: Vec<String> = Vec::new();
    for (file, _, text) in printed {
        if files.len() <= file {
            files.resize_with(file + 1, String::new);
        }
        files[file].push_str(&text.map_err(parse_error)?);
    }
    Ok(files.iter().map(|code| space_items(code)).collect())
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::*;

    #[test]
    fn chunked_printing_matches_printing_the_whole_file() {
        let chunks = [
            quote! {
                #![doc = " Module docs."]
                #[allow(unused_imports)]
                use super::types;
            },
            quote!(
                pub struct A {
                    pub x: i64,
                }
            ),
            quote! {
                impl A { pub fn x(&self) -> i64 { self.x } pub fn y(&self) -> i64 { match self.x { 0 => { 1 } _ => 2 } } }
            },
            quote!(
                pub type B = Vec<A>;
            ),
        ];
        let whole = render(quote!(#(#chunks)*)).unwrap_or_else(|e| panic!("{e}"));
        let files = in_parallel(|pool| {
            // Interleaved between files, as the generator submits them.
            for chunk in &chunks {
                pool.submit(1, chunk);
                pool.submit(0, chunk);
            }
        })
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(files, [whole.clone(), whole]);
    }

    #[test]
    fn a_chunk_that_does_not_parse_is_an_error() {
        let result = in_parallel(|pool| pool.submit(0, &quote!(pub struct {})));
        assert!(matches!(result, Err(GenerateError::Render { .. })));
    }
}
