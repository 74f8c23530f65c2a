// The chat template written into generated models (tokenizer.chat_template), and the one the
// provider falls back to for a GGUF that has none. Our own Jinja, written to render the prompt
// format of Qwen3's chat template: ChatML turns; tools listed as JSON lines inside <tools></tools>
// in the system turn with the instruction to answer in <tool_call></tool_call> blocks; an assistant
// tool call as `<tool_call>\n{"name": …, "arguments": …}\n</tool_call>`; tool results gathered in one
// user turn as `<tool_response>\n…\n</tool_response>` blocks; reasoning (`reasoning_content`) kept as
// a <think> block only for assistant turns after the last user message; and with
// enable_thinking=false an empty <think></think> block pre-filled in the generation prompt.
//
// Variables: messages (role, content, reasoning_content?, tool_calls?: [{function: {name, arguments}}]),
// tools ([{type: "function", function: {...}}]), add_generation_prompt, enable_thinking.
export const QWEN3_STYLE_CHAT_TEMPLATE = `{%- set state = namespace(last_user=-1) -%}
{%- for m in messages -%}
{%- if m.role == 'user' -%}{%- set state.last_user = loop.index0 -%}{%- endif -%}
{%- endfor -%}
{%- if tools -%}
{{- '<|im_start|>system\\n' -}}
{%- if messages and messages[0].role == 'system' -%}{{- messages[0].content + '\\n\\n' -}}{%- endif -%}
{{- '# Tools\\n\\nYou may call one or more functions to assist with the user query.\\n\\nYou are provided with function signatures within <tools></tools> XML tags:\\n<tools>' -}}
{%- for t in tools -%}{{- '\\n' + (t | tojson) -}}{%- endfor -%}
{{- '\\n</tools>\\n\\nFor each function call, return a json object with function name and arguments within <tool_call></tool_call> XML tags:\\n<tool_call>\\n{"name": <function-name>, "arguments": <args-json-object>}\\n</tool_call><|im_end|>\\n' -}}
{%- elif messages and messages[0].role == 'system' -%}
{{- '<|im_start|>system\\n' + messages[0].content + '<|im_end|>\\n' -}}
{%- endif -%}
{%- for m in messages -%}
{%- set text = m.content if m.content is string else '' -%}
{%- if m.role == 'user' or (m.role == 'system' and not loop.first) -%}
{{- '<|im_start|>' + m.role + '\\n' + text + '<|im_end|>\\n' -}}
{%- elif m.role == 'assistant' -%}
{%- set thought = m.reasoning_content if m.reasoning_content is string else '' -%}
{%- if not thought and '</think>' in text -%}
{%- set thought = text.split('</think>')[0].split('<think>')[-1] -%}
{%- set text = text.split('</think>')[-1] -%}
{%- endif -%}
{%- if loop.index0 > state.last_user and (loop.last or thought) -%}
{{- '<|im_start|>assistant\\n<think>\\n' + thought.strip('\\n') + '\\n</think>\\n\\n' + text.lstrip('\\n') -}}
{%- else -%}
{{- '<|im_start|>assistant\\n' + text -}}
{%- endif -%}
{%- if m.tool_calls -%}
{%- for call in m.tool_calls -%}
{%- if not loop.first or text -%}{{- '\\n' -}}{%- endif -%}
{%- set fn = call.function if call.function else call -%}
{{- '<tool_call>\\n{"name": "' + fn.name + '", "arguments": ' -}}
{%- if fn.arguments is string -%}{{- fn.arguments -}}{%- else -%}{{- fn.arguments | tojson -}}{%- endif -%}
{{- '}\\n</tool_call>' -}}
{%- endfor -%}
{%- endif -%}
{{- '<|im_end|>\\n' -}}
{%- elif m.role == 'tool' -%}
{%- if loop.first or messages[loop.index0 - 1].role != 'tool' -%}{{- '<|im_start|>user' -}}{%- endif -%}
{{- '\\n<tool_response>\\n' + text + '\\n</tool_response>' -}}
{%- if loop.last or messages[loop.index0 + 1].role != 'tool' -%}{{- '<|im_end|>\\n' -}}{%- endif -%}
{%- endif -%}
{%- endfor -%}
{%- if add_generation_prompt -%}
{{- '<|im_start|>assistant\\n' -}}
{%- if enable_thinking is defined and enable_thinking is false -%}{{- '<think>\\n\\n</think>\\n\\n' -}}{%- endif -%}
{%- endif -%}`;
