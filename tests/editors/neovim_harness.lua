-- Run after the docs' snippet (tests/test_editors.py): wait for medlint's diagnostics on the
-- open draft, apply the safe quick fix of the first ML205, write the draft, and record what
-- happened in the JSON file named by MEDLINT_TEST_OUT.
local out = os.getenv("MEDLINT_TEST_OUT")
local record = { diagnostics = {}, applied = false }
local function finish()
  vim.fn.writefile({ vim.fn.json_encode(record) }, out)
  vim.cmd("qa!")
end
local got = vim.wait(60000, function() return #vim.diagnostic.get(0) > 0 end, 100)
if not got then
  record.error = "no diagnostics"
  return finish()
end
local target
for _, diagnostic in ipairs(vim.diagnostic.get(0)) do
  local code = diagnostic.code or (diagnostic.user_data and diagnostic.user_data.lsp and diagnostic.user_data.lsp.code)
  table.insert(record.diagnostics, { code = code, line = diagnostic.lnum + 1 })
  if code == "ML205" and target == nil then target = diagnostic end
end
if target then
  vim.api.nvim_win_set_cursor(0, { target.lnum + 1, target.col })
  local params = vim.lsp.util.make_range_params()
  local lsp = {
    range = {
      start = { line = target.lnum, character = target.col },
      ["end"] = { line = target.end_lnum or target.lnum, character = target.end_col or target.col },
    },
    message = target.message,
    code = "ML205",
    source = "medlint",
  }
  params.context = { diagnostics = { lsp } }
  local responses = vim.lsp.buf_request_sync(0, "textDocument/codeAction", params, 30000) or {}
  for _, response in pairs(responses) do
    if response.error then record.error = response.error.message end
    for _, action in ipairs(response.result or {}) do
      record.offered = record.offered or {}
      table.insert(record.offered, { title = action.title, preferred = action.isPreferred, edit = action.edit ~= nil })
      if not record.applied and action.edit and action.isPreferred then
        vim.lsp.util.apply_workspace_edit(action.edit, "utf-16")
        record.applied = action.title
      end
    end
  end
  vim.cmd("write")
end
finish()
