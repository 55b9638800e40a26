//! A tenant's generated SDK has no way to call what its manifest denies: the methods
//! do not exist, so such code does not compile.

#[test]
fn denied_operations_do_not_compile() {
    let t = trybuild::TestCases::new();
    t.compile_fail("compile-fail/*.rs");
    t.pass("compile-pass/*.rs");
}
