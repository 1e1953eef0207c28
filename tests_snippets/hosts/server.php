<?php
// check-snippets host for Symfony HttpFoundation: each snippet returns or throws a Response,
// prepare() does what the kernel does before sending, and a socket server writes it.
require "/usr/share/php/Symfony/Component/HttpFoundation/autoload.php";
require "/usr/share/php/Symfony/Component/HttpKernel/autoload.php";

USES

use Symfony\Component\HttpFoundation\Request as SnippetRequest;
use Symfony\Component\HttpKernel\Exception\HttpExceptionInterface as SnippetHttpException;

FUNCTIONS

$server = stream_socket_server("tcp://127.0.0.1:0", $errno, $errstr);
if ($server === false) {
    fwrite(STDERR, "snippets: $errstr\n");
    exit(1);
}
$name = stream_socket_get_name($server, false);
echo "PORT " . substr($name, strrpos($name, ":") + 1) . "\n";
while ($client = stream_socket_accept($server, -1)) {
    $line = fgets($client);
    while (($header = fgets($client)) !== false && $header !== "\r\n") {
    }
    $path = explode(" ", $line)[1];
    $code = (int) trim($path, "/");
    try {
        $response = ("c" . $code)();
    } catch (SnippetHttpException $e) {
        // What HttpKernel makes of an HttpException.
        $response = new Symfony\Component\HttpFoundation\Response($e->getMessage(), $e->getStatusCode(), $e->getHeaders());
    }
    $response->prepare(SnippetRequest::create($path));
    $status = $response->getStatusCode();
    $text = sprintf("HTTP/1.1 %d %s\r\n", $status, Symfony\Component\HttpFoundation\Response::$statusTexts[$status] ?? "Status");
    $content = (string) $response->getContent();
    foreach ($response->headers->allPreserveCaseWithoutCookies() as $header => $values) {
        foreach ($values as $value) {
            $text .= "$header: $value\r\n";
        }
    }
    if ($status !== 204 && $status !== 304 && !$response->headers->has("Content-Length")) {
        $text .= "Content-Length: " . strlen($content) . "\r\n";
    }
    fwrite($client, $text . "Connection: close\r\n\r\n" . (($status === 204 || $status === 304) ? "" : $content));
    fclose($client);
}
