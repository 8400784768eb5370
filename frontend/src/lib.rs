//! Browser entry point. Pages are server-rendered; only the islands (`#[island]`
//! components in `app`) hydrate, each from its own serialised props.

// The island exports live in `app`; naming the crate keeps them in the build.
extern crate app;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
