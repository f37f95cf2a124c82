-- Runs an editor set-up from the README (KNL_SETUP, a Lua file) as a user's init.lua runs it, opens a plan,
-- waits for the server's diagnostics, prints them as JSON on stdout, and quits. Only APIs that Neovim 0.7
-- has, or that it is asked whether it has:
--   KNL_SETUP=setup.lua KNL_PLAN=plan.yaml nvim --headless --clean -n -c 'luafile test/support/nvim-lsp.lua'
-- KNL_PROBE=1 prints only which of the README's APIs this Neovim has.
if os.getenv('KNL_PROBE') then
  local current = vim.lsp.config ~= nil and vim.lsp.enable ~= nil
  io.stdout:write(vim.fn.json_encode({ legacy = vim.lsp.start_client ~= nil, current = current }) .. '\n')
  vim.cmd('qa!')
  return
end

-- Every client's pushed diagnostics pass through the global handler, whichever API started it.
local published = false
local default_handler = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(...)
  default_handler(...)
  published = true
end

dofile(os.getenv('KNL_SETUP'))
vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('KNL_PLAN')))
local bufnr = vim.api.nvim_get_current_buf()

-- A client that pulls diagnostics instead gets them without a publish.
local arrived = vim.wait(15000, function() return published or #vim.diagnostic.get(bufnr) > 0 end, 20)
local diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  table.insert(diagnostics, {
    code = d.code,
    source = d.source,
    severity = d.severity,
    message = d.message,
    lnum = d.lnum,
    col = d.col,
    end_lnum = d.end_lnum,
    end_col = d.end_col,
  })
end
local clients = {}
local attached = vim.lsp.get_clients and vim.lsp.get_clients({ bufnr = bufnr }) or vim.lsp.buf_get_clients(bufnr)
for _, client in pairs(attached) do
  table.insert(clients, client.name)
  vim.lsp.stop_client(client.id)
end
io.stdout:write(vim.fn.json_encode({ arrived = arrived, filetype = vim.bo.filetype, clients = clients, diagnostics = diagnostics }) .. '\n')
vim.cmd('qa!')
