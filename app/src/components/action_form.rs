//! `<ActionForm>`: a form that posts to a server function, and works the same
//! before the WASM arrives (a plain post) and after (a fetch, without a reload).
//!
//! Unlike Leptos's own, the browser sends the form's fields as it encodes them
//! (`application/x-www-form-urlencoded`, the encoding the server function reads)
//! instead of parsing them into the function's arguments and encoding those again:
//! the WASM carries no query-string parser. The children keep their type
//! (`TypedChildren`): Leptos's boxes them as an `AnyView`, which made the WASM carry
//! an extra, asynchronous hydration path for every form in an island.

use leptos::prelude::*;
use leptos::server_fn::client::Client;
use leptos::server_fn::codec::{Encoding, FromRes, PostUrl};
use leptos::server_fn::error::FromServerFnError;
use leptos::server_fn::redirect::call_redirect_hook;
use leptos::server_fn::request::ClientReq;
use leptos::server_fn::response::ClientRes;
use leptos::server_fn::{ContentType, Http, ServerFn};
use std::marker::PhantomData;
use web_sys::SubmitEvent;

/// The state of a form's posts: its latest answer, whether one is on its way, and
/// how many have come back. `Copy`, like Leptos's actions.
pub struct FormAction<S: ServerFn> {
    value: RwSignal<Option<Result<S::Output, S::Error>>>,
    pending: RwSignal<bool>,
    version: RwSignal<usize>,
    function: PhantomData<fn() -> S>,
}

impl<S: ServerFn> Clone for FormAction<S> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<S: ServerFn> Copy for FormAction<S> {}

impl<S> FormAction<S>
where
    S: ServerFn,
    S::Output: Send + Sync + 'static,
    S::Error: Send + Sync + 'static,
{
    pub fn new() -> Self {
        Self {
            value: RwSignal::new(None),
            pending: RwSignal::new(false),
            version: RwSignal::new(0),
            function: PhantomData,
        }
    }

    /// The latest answer (`None` before the first).
    pub fn value(&self) -> RwSignal<Option<Result<S::Output, S::Error>>> {
        self.value
    }

    /// True while a post is on its way.
    pub fn pending(&self) -> ReadSignal<bool> {
        self.pending.read_only()
    }

    /// How many answers have come back.
    pub fn version(&self) -> ReadSignal<usize> {
        self.version.read_only()
    }
}

impl<S> Default for FormAction<S>
where
    S: ServerFn,
    S::Output: Send + Sync + 'static,
    S::Error: Send + Sync + 'static,
{
    fn default() -> Self {
        Self::new()
    }
}

type Request<S> = <<S as ServerFn>::Client as Client<<S as ServerFn>::Error>>::Request;
type Response<S> = <<S as ServerFn>::Client as Client<<S as ServerFn>::Error>>::Response;

#[component]
pub fn ActionForm<S, OutputEncoding, T>(
    /// Where the form's answers go.
    action: FormAction<S>,
    /// The form's fields and buttons.
    children: TypedChildren<T>,
) -> impl IntoView
where
    T: IntoView + 'static,
    S: ServerFn<Protocol = Http<PostUrl, OutputEncoding>> + Send + Sync + 'static,
    OutputEncoding: Encoding + 'static,
    S::Output: FromRes<OutputEncoding, Response<S>, S::Error> + Send + Sync + 'static,
    S::Error: FromServerFnError + Send + Sync + 'static,
    S::Client: Client<S::Error>,
{
    let on_submit = move |ev: SubmitEvent| {
        if ev.default_prevented() {
            return;
        }
        ev.prevent_default();
        let Some(body) = url_encoded(&ev) else {
            return;
        };
        action.pending.set(true);
        leptos::task::spawn_local(async move {
            let answer = post::<S, OutputEncoding>(body).await;
            action.value.set(Some(answer));
            action.version.update(|n| *n += 1);
            action.pending.set(false);
        });
    };
    view! {
        <form action=S::url() method="post" on:submit=on_submit>
            {(children.into_inner())()}
        </form>
    }
}

/// The submitted form's fields as the browser encodes them, with the button that
/// submitted it (as a plain post would send it).
fn url_encoded(ev: &SubmitEvent) -> Option<String> {
    use wasm_bindgen::JsCast;
    let form: web_sys::HtmlFormElement = ev.target()?.dyn_into().ok()?;
    let data = web_sys::FormData::new_with_form(&form).ok()?;
    if let Some(submitter) = ev.submitter() {
        let named = if let Some(button) = submitter.dyn_ref::<web_sys::HtmlButtonElement>() {
            Some((button.name(), button.value()))
        } else {
            submitter
                .dyn_ref::<web_sys::HtmlInputElement>()
                .map(|input| (input.name(), input.value()))
        };
        if let Some((name, value)) = named.filter(|(name, _)| !name.is_empty()) {
            data.append_with_str(&name, &value).ok()?;
        }
    }
    let params = web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data).ok()?;
    params.to_string().as_string()
}

/// What the server function's own client does with its encoded arguments: post,
/// read the answer or the error, follow a redirect the function asked for.
async fn post<S, OutputEncoding>(body: String) -> Result<S::Output, S::Error>
where
    S: ServerFn<Protocol = Http<PostUrl, OutputEncoding>>,
    OutputEncoding: Encoding,
    S::Output: FromRes<OutputEncoding, Response<S>, S::Error>,
    S::Error: FromServerFnError,
    S::Client: Client<S::Error>,
{
    let request = Request::<S>::try_new_post(
        S::url(),
        PostUrl::CONTENT_TYPE,
        OutputEncoding::CONTENT_TYPE,
        body,
    )?;
    let response = S::Client::send(request).await?;
    let status = response.status();
    let location = response.location();
    let redirected = response.has_redirect();
    let answer = if (400..=599).contains(&status) {
        Err(S::Error::de(response.try_into_bytes().await?))
    } else {
        S::Output::from_res(response).await
    };
    if (300..=399).contains(&status) || redirected {
        call_redirect_hook(&location);
    }
    answer
}
