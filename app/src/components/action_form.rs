//! `<ActionForm>`: a form that posts to a server function, and works the same
//! before the WASM arrives (a plain post) and after (the action, without a reload).
//!
//! The same as Leptos's own, except that the children keep their type
//! (`TypedChildren`): Leptos's boxes them as an `AnyView`, which made the WASM
//! carry an extra, asynchronous hydration path for every form in an island.

use leptos::prelude::*;
use leptos::server_fn::client::Client;
use leptos::server_fn::codec::PostUrl;
use leptos::server_fn::error::{FromServerFnError, IntoAppError, ServerFnErrorErr};
use leptos::server_fn::request::ClientReq;
use leptos::server_fn::{Http, ServerFn};
use serde::de::DeserializeOwned;
use web_sys::{FormData, SubmitEvent};

#[component]
pub fn ActionForm<ServFn, OutputProtocol, T>(
    /// The server function the form posts to.
    action: ServerAction<ServFn>,
    /// The form's fields and buttons.
    children: TypedChildren<T>,
) -> impl IntoView
where
    T: IntoView + 'static,
    ServFn: DeserializeOwned
        + ServerFn<Protocol = Http<PostUrl, OutputProtocol>>
        + Clone
        + Send
        + Sync
        + 'static,
    <<ServFn::Client as Client<ServFn::Error>>::Request as ClientReq<ServFn::Error>>::FormData:
        From<FormData>,
    ServFn::Output: Send + Sync + 'static,
    ServFn::Error: FromServerFnError + Send + Sync + 'static,
    <ServFn as ServerFn>::Client: Client<<ServFn as ServerFn>::Error>,
{
    let on_submit = move |ev: SubmitEvent| {
        if ev.default_prevented() {
            return;
        }
        ev.prevent_default();
        match ServFn::from_event(&ev) {
            Ok(input) => {
                action.dispatch(input);
            }
            Err(error) => {
                // The fields could not be read as the function's arguments: say
                // so where the form shows its errors.
                action.value().set(Some(Err(ServerFnErrorErr::Serialization(
                    error.to_string(),
                )
                .into_app_error())));
                action.version().update(|n| *n += 1);
            }
        }
    };
    view! {
        <form action=ServFn::url() method="post" on:submit=on_submit>
            {(children.into_inner())()}
        </form>
    }
}
