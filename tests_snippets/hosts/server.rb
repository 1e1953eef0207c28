# check-snippets host for Rails snippets on Rack: a stand-in for ActionController whose
# status symbols go through Rack::Utils, and a socket server (ARGV[0]: Rack 3's table).
require "json"
require "rack"
require "socket"

RACK3 = JSON.parse(File.read(ARGV[0]))["constants"].transform_keys(&:to_sym)
$resolved_by_table = []

def status_code(status)
  return Rack::Utils.status_code(status) unless status.is_a?(Symbol)
  Rack::Utils::SYMBOL_TO_STATUS_CODE.fetch(status) do
    # A newer Rack's name (3.1's :content_too_large): checked against Rack 3's own table.
    $resolved_by_table << status
    RACK3.fetch(status)
  end
end

class Request
  def initialize(env)
    @env = env
  end

  # As ActionDispatch::Request#send_early_hints: the server's rack.early_hints callback.
  def send_early_hints(links)
    @env["rack.early_hints"]&.call(links)
  end
end

class Controller
  attr_reader :status, :headers, :body

  def initialize(env)
    @env = env
    @status = 200
    @headers = {}
    @body = ""
  end

  def request
    Request.new(@env)
  end

  # As ActionController's response: its headers are the ones sent.
  def response
    self
  end

  def head(status)
    @status = status_code(status)
  end

  def render(json: nil, plain: nil, status: 200)
    @status = status_code(status)
    @headers["content-type"] = plain ? "text/plain" : "application/json"
    @body = plain || JSON.generate(json)
  end

  def redirect_to(url, status: 302)
    @status = status_code(status)
    @headers["location"] = url
  end
end

CONTROLLERS

def head_text(status, headers)
  reason = Rack::Utils::HTTP_STATUS_CODES.fetch(status, "Status")
  "HTTP/1.1 #{status} #{reason}\r\n" + headers.map { |k, v| "#{k}: #{v}\r\n" }.join
end

server = TCPServer.new("127.0.0.1", 0)
puts "PORT #{server.addr[1]}"
$stdout.flush
loop do
  client = server.accept
  line = client.gets.to_s
  while (header = client.gets) && header != "\r\n"; end
  code = line.split[1].to_s.delete("/").to_i
  early_hints = ->(links) { client.write(head_text(103, links) + "\r\n") }
  controller = Object.const_get("C#{code}").new("rack.early_hints" => early_hints)
  $resolved_by_table.clear
  controller.show
  headers = controller.headers.dup
  headers["x-resolved-by"] = "rack-3 table: #{$resolved_by_table.join(",")}" unless $resolved_by_table.empty?
  bodiless = Rack::Utils::STATUS_WITH_NO_ENTITY_BODY.key?(controller.status) || controller.status == 205
  body = bodiless ? "" : controller.body
  headers["content-length"] = body.bytesize.to_s unless [204, 304].include?(controller.status)
  headers["connection"] = "close"
  client.write(head_text(controller.status, headers) + "\r\n" + body)
  client.close
rescue StandardError => error
  warn "snippets: #{error.class}: #{error.message}"
  client&.close
end
