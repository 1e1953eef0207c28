"""Questions as developers type them, written for the situations review: the first code that
search and `httpstatus which` give. None of them is a phrasing copied from the data."""

from __future__ import annotations

import pytest

from http_status_browser.registry import Registry
from http_status_browser.registry.asking import base_form
from http_status_browser.registry.words import missing_allowed

QUESTIONS = [
    ("api key is wrong", 401),
    ("user tries to edit another user's post", 403),
    ("the user's session cookie has expired", 401),
    ("request body is missing a required field", 422),
    ("the age field is negative", 422),
    ("the request body is empty but we need json", 400),
    ("cors preflight request", 204),
    ("the username is already in use", 409),
    ("client sends xml but we only parse json", 415),
    ("the client wants a csv export we cannot produce", 406),
    ("the item was deleted permanently", 410),
    ("the order cannot be cancelled because it already shipped", 409),
    ("uploaded image exceeds 10 mb", 413),
    ("the cookie header is too large", 431),
    ("the search query string is too long", 414),
    ("user hit the rate limit", 429),
    ("the service is temporarily overloaded", 503),
    ("the payment service did not respond in time", 504),
    ("the upstream service returned an invalid response", 502),
    ("the endpoint has been moved permanently and clients post to it", 308),
    ("the endpoint moved temporarily and must keep the post body", 307),
    ("redirect the user to the login page", 302),
    ("redirect after creating an order from a form", 303),
    ("the resource has not changed since the last request", 304),
    ("the report is generated in the background", 202),
    ("the user was updated and we return nothing", 204),
    ("the put request created a new resource", 201),
    ("the if-match header does not match the current etag", 412),
    ("the client must send if-match", 428),
    ("patch is not supported on this resource", 405),
    ("the server does not support the PURGE method", 501),
    ("this endpoint is not implemented yet", 501),
    ("the content is banned in this country by law", 451),
    ("the user's account has been suspended", 403),
    ("too many failed password attempts", 429),
    ("the requested page is beyond the last page", 200),
    ("no results found for the filter", 200),
    ("the id in the url does not exist", 404),
    ("the file is locked for editing by someone else", 423),
    ("range header beyond the end of the file", 416),
    ("the api version was retired", 410),
    ("we need the client to use https", 301),
    ("the request took too long for the client to send", 408),
    ("the server crashed with an exception", 500),
    ("the bearer token is not valid anymore", 401),
    ("only admins can delete users", 403),
    ("the phone number has the wrong format", 422),
    ("the request json has a trailing comma", 400),
    ("someone already registered with this phone number", 409),
    ("the customer record was removed", 204),
    ("the video is only partly downloaded and the client resumes", 206),
    ("the invoice was already paid", 409),
    ("the server is restarting after a deploy", 503),
    ("nginx cannot reach the app server", 502),
    ("the lambda function timed out behind the api gateway", 504),
    ("the client sent too many headers", 431),
    ("return the newly created user", 201),
    ("the batch has some items that failed", 207),
    ("the sms provider is down", 503),
    ("the user does not have access to this project", 403),
    ("the email address is invalid", 422),
    ("stop search engines indexing an old page that moved", 301),
    ("the login session timed out", 401),
    ("the api client is sending requests too fast", 429),
    ("password reset link expired", 410),
    ("the signup form is missing the password", 422),
    ("user is not a member of this organization", 403),
    ("this username does not exist", 404),
    ("the article was unpublished", 404),
    ("the resource moved to a new url for good", 301),
    ("the client needs to refresh its token", 401),
    ("the api is under heavy load", 503),
    ("the request was sent to the wrong host", 421),
    ("a file with this name already exists", 409),
    ("the uploaded csv has invalid rows", 422),
    ("the shopping cart is empty", 200),
    ("too many concurrent requests from this key", 429),
    ("the downstream service is unreachable", 502),
    ("the microservice returned a 500", 502),
    ("the coupon code has expired", 422),
    ("user is banned from the forum", 403),
    ("two people booked the same seat", 409),
    ("the invite link was already used", 410),
    ("the request is missing the content-length header", 411),
    ("the client wants gzip but we only send plain text", 406),
    ("our cdn could not connect to the origin", 502),
    ("this feature is only for premium users", 403),
    ("the document has moved to another folder", 301),
    ("the request has an unknown field", 400),
    ("we are still processing the video", 202),
]


@pytest.mark.parametrize(("question", "code"), QUESTIONS)
def test_search_answers_first(registry: Registry, question: str, code: int) -> None:
    found = [m.status.code for m in registry.search(question)]
    assert found[:1] == [code], (question, found[:5])


@pytest.mark.parametrize(("question", "code"), QUESTIONS)
def test_which_answers_first(registry: Registry, question: str, code: int) -> None:
    situations = registry.search_index.search_situations(question)
    assert situations, question
    first = situations[0].situation
    assert first.code == code, (question, [m.situation.id for m in situations[:3]])


@pytest.mark.parametrize(("count", "allowed"), [(1, 0), (2, 0), (3, 1), (4, 2), (5, 2), (7, 3)])
def test_a_longer_question_may_miss_up_to_half_its_words(count: int, allowed: int) -> None:
    assert missing_allowed(count) == allowed


def test_a_filler_word_stemmed_in_the_data_still_matches(registry: Registry) -> None:
    # "https" is not a filler word, but its stem "http" is: the data must keep it as the
    # question does, or "use https" finds nothing.
    situations = registry.search_index.search_situations("use https")
    assert situations
    assert situations[0].situation.id == "permanent-move"


def test_a_word_said_again_is_one_word(registry: Registry) -> None:
    # Three "zebra"s used to be three missing words, more than a five-word question may lack.
    index = registry.search_index
    repeated = index.search_situations("zebra zebra zebra user banned")
    assert repeated == index.search_situations("zebra user banned")
    assert repeated[0].situation.id == "account-locked"


# ---- Finding the situation (issue 25)


@pytest.mark.parametrize("code", [204, 409, 503, 301])
def test_a_code_number_finds_the_situations_that_recommend_it(
    registry: Registry, code: int
) -> None:
    index = registry.search_index
    book = registry.situations
    recommending = {s.id for s in book if s.code == code}
    for question in (str(code), f"which {code}", f"which code is {code}"):
        found = index.search_situations(question)
        first = [m.situation.id for m in found[: len(recommending)]]
        assert set(first) == recommending, question
        # Then the situations that offer it as an alternative.
        rest = found[len(recommending) :]
        assert all(code in m.situation.codes and m.situation.code != code for m in rest)


def test_no_permission_does_not_rank_402_first(registry: Registry) -> None:
    assert registry.search("no permission")[0].status.code == 403
    situations = registry.search_index.search_situations("no permission")
    assert situations[0].situation.code == 403
    assert not situations[0].weak


# Everyday questions that no title or phrasing holds (none of them found anything before):
# found by the words' base forms, the situations' explanations and their codes' own texts.
UNPHRASED = [
    ("no permission", 403),
    ("forbidden", 403),
    ("unauthorized", 401),
    ("unprocessable", 422),
    ("the thing is gone forever", 410),
]


@pytest.mark.parametrize(("question", "code"), UNPHRASED)
def test_questions_worded_unlike_any_phrasing(registry: Registry, question: str, code: int) -> None:
    index = registry.search_index
    assert index.strict_situations(question) == []
    found = index.search_situations(question)
    assert found[0].situation.code == code, [m.situation.id for m in found[:3]]


@pytest.mark.parametrize("question", ["zebra crossing", "qqqq", "the moon is made of cheese"])
def test_a_question_matching_nothing_well_gets_the_nearest(
    registry: Registry, question: str
) -> None:
    found = registry.search_index.search_situations(question)
    assert found
    assert all(m.weak for m in found)
    # The main list does not fill up with weak guesses.
    assert not any(m.kind.name == "SITUATION" for m in registry.search(question))


@pytest.mark.parametrize(
    ("word", "form"),
    [
        ("timed", "time"),
        ("times", "time"),
        ("timing", "time"),
        ("denied", "deny"),
        ("denies", "deny"),
        ("permissions", "permission"),
        ("stopped", "stop"),
    ],
)
def test_word_forms_meet(word: str, form: str) -> None:
    assert base_form(word) == base_form(form)
